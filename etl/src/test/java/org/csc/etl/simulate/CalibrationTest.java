package org.csc.etl.simulate;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default scenario (April 2013 to March 2017, scale 1, seed 42) against the published figures.
 * The world and its truth do not depend on how often Liquid Logic sends deltas (DeterminismTest
 * checks that), so this runs the default scenario with monthly instead of daily deltas: the same
 * truth in a fraction of the time of the full 400-drop landing area.
 */
class CalibrationTest {
    static final Set<String> ALL_KPIS = Set.of("contacts", "contact_to_referral_pct", "referrals", "referrals_per_10k",
            "rereferrals_12m_pct", "referrals_nfa_pct", "referral_to_assessment_pct", "assessments_45wd_pct", "s47_per_10k",
            "icpc_15wd_pct", "cpp_per_10k", "cpp_starts_per_10k", "cpp_second_time_pct", "cpp_second_time_2y_pct",
            "cpp_open_2y_pct", "cpp_ceased_2y_pct", "cp_allocated_qualified_pct", "cp_reviews_in_time_pct",
            "cp_visits_in_time_pct", "cla_per_10k", "cla_allocated_qualified_pct", "cla_3plus_placements_pct",
            "cla_long_term_stability_pct", "cla_over_20_miles_pct", "cla_visits_in_time_pct", "cla_iha_20wd_pct",
            "cla_health_check_pct", "cla_dental_check_pct", "care_leavers_suitable_accom_pct", "care_leavers_neet_pct",
            "cafs_opened", "caseload_per_fte", "workers_over_max_pct", "agency_sw_rate_pct", "sickness_days_per_fte");

    static SimulationOptions defaultScenarioMonthlyDeltas() {
        SimulationOptions d = SimulationOptions.defaults(Path.of("unused"));
        return new SimulationOptions(d.out(), d.seed(), d.from(), d.to(), d.goLive(), d.scale(), 31, d.defectRate());
    }

    private final Path landing = SimulationFixture.run("default", defaultScenarioMonthlyDeltas());

    @Test
    void defaultScenarioIsWithin15PercentOfEveryTarget() {
        List<Calibration.Result> results = Calibration.results(landing.resolve(Simulator.TRUTH_DIR));
        assertThat(results).isNotEmpty().allMatch(Calibration.Result::available);
        assertThat(results).as(Simulator.calibration(landing.resolve(Simulator.TRUTH_DIR))).allMatch(Calibration.Result::within);
        assertThat(SimulationFixture.summary("default").calibrationTable()).contains("referrals per 10k", "ok");
    }

    @Test
    void kpiTruthHasAll35IndicatorsForEveryMonthWithNumeratorAndDenominator() throws Exception {
        List<CSVRecord> rows = LandingContractTest.records("liquidlogic", Files.readAllBytes(landing.resolve("_truth/kpi_truth.csv")));
        assertThat(rows.get(0).toList()).containsExactlyElementsOf(KpiTruth.COLUMNS);
        Map<String, Set<String>> monthsByKpi = new TreeMap<>();
        for (CSVRecord r : rows.subList(1, rows.size())) {
            monthsByKpi.computeIfAbsent(r.get(0), k -> new TreeSet<>()).add(r.get(1));
            assertThat(Double.parseDouble(r.get(3))).isGreaterThanOrEqualTo(0);
        }
        assertThat(monthsByKpi.keySet()).containsExactlyInAnyOrderElementsOf(ALL_KPIS);
        Set<String> months = new TreeSet<>();
        for (YearMonth m = YearMonth.of(2013, 4); !m.isAfter(YearMonth.of(2017, 3)); m = m.plusMonths(1)) months.add(m.atEndOfMonth().toString());
        monthsByKpi.forEach((k, v) -> assertThat(v).as(k).isEqualTo(months));
        Set<String> ratioBases = rows.subList(1, rows.size()).stream().filter(r -> r.get(0).endsWith("_pct"))
                .filter(r -> r.get(4).isEmpty()).map(r -> r.get(0)).collect(Collectors.toSet());
        assertThat(ratioBases).as("percentages without a denominator").isEmpty();
    }

    @Test
    void workingDayMeasuresUseTheWarehouseCalendar() {
        var cal = Simulator.calendar(SimulationFixture.config(), SimulationOptions.defaults(Path.of("unused")));
        // Good Friday and Easter Monday 2016 are not working days: 24 March -> 29 March is one working day
        assertThat(cal.workingDaysBetween(LocalDate.of(2016, 3, 24), LocalDate.of(2016, 3, 29))).isEqualTo(1);
    }
}
