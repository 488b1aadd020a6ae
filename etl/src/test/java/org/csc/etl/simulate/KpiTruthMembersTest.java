package org.csc.etl.simulate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kpi_truth_members.csv is what lets verify explain a difference record by record, so it must add
 * up to kpi_truth.csv: ASAT members sum to each month end's numerator and denominator, EVENT members
 * dated in a month sum to that month's MONTH numerator; and every member is a true event or child.
 */
class KpiTruthMembersTest {
    private final Path truth = SimulationFixture.shortRun().resolve(Simulator.TRUTH_DIR);

    @Test
    void membersAddUpToTheTrueFigures() throws Exception {
        Map<String, double[]> fromRows = new TreeMap<>();
        for (CSVRecord r : read("kpi_truth.csv")) {
            String basis = r.get("basis");
            if (!basis.equals("ASAT") && !basis.equals("MONTH") && !r.get("kpi_code").equals("cla_iha_20wd_pct")) continue;
            fromRows.put(r.get("kpi_code") + "|" + r.get("period_end").substring(0, 7) + "|" + basis,
                    new double[]{Double.parseDouble(r.get("numerator")), r.get("denominator").isEmpty() ? 0 : Double.parseDouble(r.get("denominator"))});
        }
        Map<String, double[]> fromMembers = new TreeMap<>();
        Set<String> kinds = new HashSet<>();
        for (CSVRecord m : read(KpiTruth.MEMBERS_FILE)) {
            String kpi = m.get("kpi_code");
            String basis = m.get("kind").equals("ASAT") ? (kpi.equals("cla_iha_20wd_pct") ? "YTD" : "ASAT") : "MONTH";
            kinds.add(kpi + ":" + m.get("kind"));
            double[] v = fromMembers.computeIfAbsent(kpi + "|" + m.get("member_date").substring(0, 7) + "|" + basis, k -> new double[2]);
            v[0] += Double.parseDouble(m.get("numerator"));
            if (!m.get("denominator").isEmpty()) v[1] += Double.parseDouble(m.get("denominator"));
        }
        assertThat(kinds).contains("contacts:EVENT", "assessments_45wd_pct:EVENT", "cp_visits_in_time_pct:ASAT", "cla_per_10k:ASAT",
                "care_leavers_neet_pct:ASAT", "cla_iha_20wd_pct:ASAT");
        int compared = 0;
        for (var e : fromMembers.entrySet()) {
            double[] row = fromRows.get(e.getKey());
            if (row == null) continue; // an EVENT kpi reported on YTD or R12 only
            boolean perTenK = e.getKey().contains("per_10k");
            assertThat(e.getValue()[0]).as("numerator " + e.getKey()).isEqualTo(row[0]);
            if (!perTenK && e.getValue()[1] > 0) assertThat(e.getValue()[1]).as("denominator " + e.getKey()).isEqualTo(row[1]);
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void everyMemberIsATrueEventOrChild() throws Exception {
        Set<String> known = new HashSet<>();
        for (CSVRecord e : read("events.csv")) {
            known.add(e.get("event_id"));
            known.add(e.get("true_child_id"));
        }
        List<CSVRecord> members = read(KpiTruth.MEMBERS_FILE);
        assertThat(members).isNotEmpty();
        assertThat(members).allSatisfy(m -> assertThat(known).contains(m.get("member")));
    }

    private List<CSVRecord> read(String file) throws Exception {
        try (Reader r = Files.newBufferedReader(truth.resolve(file))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
