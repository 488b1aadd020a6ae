package org.csc.cubes.quality;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.etl.quality.RuleCatalog;
import org.csc.etl.quality.TruthComparison;
import org.csc.warehouse.config.WarehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The acceptance measure: on the simulator's default scenario, recall and precision of at
 * least 0.95 for every injected defect class. The simulator lands separately; until a landing area
 * with _truth/defects.csv is named by -Dcsc.truth.landing=DIR this test is skipped, not passed.
 */
class DefaultScenarioTruthTest {
    @TempDir Path tmp;

    @Test
    void recallAndPrecisionAreAtLeast95PercentForEveryInjectedClass() throws Exception {
        String landing = System.getProperty("csc.truth.landing");
        assumeTrue(landing != null && Files.isRegularFile(Path.of(landing, "_truth", "defects.csv")),
                "no simulated landing with _truth: pass -Dcsc.truth.landing=DIR");
        WarehouseConfig config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).override("landing.dir", landing).build();
        new NightlyJob(config, l -> {}, Clock.systemUTC()).run();
        List<String[]> findings = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("out").resolve(NightlyJob.RESTRICTED_FILE));
             ResultSet rs = c.createStatement().executeQuery("SELECT rule, source_system, source_table, record_key FROM dq_findings")) {
            while (rs.next()) findings.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
        var scores = TruthComparison.compare(TruthComparison.readTruth(Path.of(landing, "_truth")), findings, RuleCatalog.ALL);
        System.out.print(TruthComparison.format(scores));
        assertThat(scores.stream().filter(s -> s.injected() > 0)).allSatisfy(s -> {
            assertThat(s.recall()).as(s.defectClass() + " recall").isGreaterThanOrEqualTo(0.95);
            assertThat(s.precision()).as(s.defectClass() + " precision").isGreaterThanOrEqualTo(0.95);
        });
    }
}
