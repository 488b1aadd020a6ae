package org.csc.etl.simulate;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** _truth/defects.csv against the landing files: every key is findable and the defect shows. */
class DefectTruthTest {
    private final Path landing = SimulationFixture.shortRun();

    @Test
    void everyDefectClassIsInjectedAndLoggedWithAKeyThatExistsInTheFiles() throws Exception {
        List<CSVRecord> defects = truth("defects.csv");
        assertThat(defects.get(0).toList()).containsExactly("class", "system", "table", "primary_key", "detail");
        Map<String, Map<String, String>> rows = new HashMap<>(); // system|table|key -> last version of the row
        Set<DefectClass> seen = EnumSet.noneOf(DefectClass.class);
        for (String system : List.of("carefirst", "liquidlogic")) index(system, rows);
        indexManual("icpc_tracker", "ICPC_DATE", rows);
        indexManual("dental_checks", "CHECK_DATE", rows);
        for (CSVRecord d : defects.subList(1, defects.size())) {
            DefectClass c = DefectClass.valueOf(d.get(0));
            seen.add(c);
            String key = d.get(1) + "|" + d.get(2) + "|" + d.get(3);
            Map<String, String> row = rows.get(key);
            assertThat(row).as("row for defect " + d.toList()).isNotNull();
            switch (c) {
                case PLACEHOLDER_POSTCODE -> assertThat(row.get("POSTCODE")).isIn("ZZ99 9ZZ", "XX");
                case MINUS_ONE_LINK -> assertThat(row.values()).contains("-1");
                case DISTANCE_NOT_NUMERIC -> assertThat(row.getOrDefault("DISTANCE_MILES", row.get("DISTANCE_FROM_HOME"))).doesNotMatch("[0-9.]+");
                case STAT_VISIT_AS_CASE_NOTE -> assertThat(row.getOrDefault("NOTE_TYPE", row.get("DIM_LOOKUP_CASNT_TYPE_ID_CODE"))).isIn("General", "GEN");
                case DUPLICATE_PERSON -> assertThat(row.getOrDefault("MERGED_INTO", row.get("DUPLICATED_DTTM"))).isNotBlank();
                case MIGRATED_WITHOUT_LEGACY_ID -> assertThat(row.get("LEGACY_ID")).isIn("", "NULL");
                case ICPC_LOG_WRONG_YN -> assertThat(row.get("WITHIN_15_DAYS")).isEqualTo("Y");
                case UNPARSEABLE_VALUE -> assertThat(row.values()).anyMatch(v -> v.startsWith("31/02/") || v.contains("-02-30"));
                default -> { }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(DefectClass.values());
    }

    @Test
    void everyDefectClassHasADescription() {
        for (DefectClass c : DefectClass.values()) assertThat(c.description()).isNotBlank();
        assertThat(DefectClass.LATE_RECORDING.probability(0)).isZero();
    }

    @Test
    void theEventLogHasAStableTrueChildIdAndKeysIntoBothSystems() throws Exception {
        List<CSVRecord> events = truth("events.csv");
        assertThat(events.get(0).toList()).containsExactlyElementsOf(TruthWriter.EVENT_COLUMNS);
        assertThat(events.subList(1, events.size())).extracting(r -> r.get(1))
                .contains("CONTACT", "REFERRAL", "ASSESSMENT", "S47", "ICPC", "CP_PLAN", "PERIOD_OF_CARE", "PLACEMENT", "CAF", "CARE_LEAVER_CONTACT");
        assertThat(events.subList(1, events.size())).allMatch(r -> r.get(0).matches("C\\d+") && !r.get(7).isEmpty());
    }

    private List<CSVRecord> truth(String name) throws IOException {
        return LandingContractTest.records("liquidlogic", Files.readAllBytes(landing.resolve("_truth").resolve(name)));
    }

    private void index(String system, Map<String, Map<String, String>> rows) throws IOException {
        List<Path> drops;
        try (Stream<Path> s = Files.list(landing.resolve(system))) {
            drops = s.sorted().toList();
        }
        for (Path drop : drops) {
            try (Stream<Path> s = Files.list(drop)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".csv") && !p.getFileName().toString().startsWith("_")).sorted().toList()) {
                    String table = f.getFileName().toString().replace(".csv", "");
                    List<CSVRecord> recs = LandingContractTest.records(system, Files.readAllBytes(f));
                    List<String> header = recs.get(0).toList();
                    for (CSVRecord r : recs.subList(1, recs.size())) {
                        String key = table.equals("FACT_FORM_ANSWERS") ? r.get(0) + "|" + r.get(header.indexOf("ANSWER_NO")) : r.get(0);
                        rows.put(system + "|" + table + "|" + key, asMap(header, r));
                    }
                }
            }
        }
    }

    private void indexManual(String table, String dateColumn, Map<String, Map<String, String>> rows) throws IOException {
        List<CSVRecord> recs = LandingContractTest.records("liquidlogic", Files.readAllBytes(landing.resolve("manual").resolve(table + ".csv")));
        List<String> header = recs.get(0).toList();
        for (CSVRecord r : recs.subList(1, recs.size())) {
            Map<String, String> m = asMap(header, r);
            rows.put("manual|" + table + "|" + m.get("CHILD_REF") + "|" + m.get(dateColumn), m);
        }
    }

    private static Map<String, String> asMap(List<String> header, CSVRecord r) {
        Map<String, String> m = new HashMap<>();
        List<String> values = new ArrayList<>(r.toList());
        for (int i = 0; i < header.size(); i++) m.put(header.get(i), i < values.size() ? values.get(i) : "");
        return m;
    }
}
