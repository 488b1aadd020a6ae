package org.csc.cubes.quality;

import org.apache.spark.sql.SparkSession;
import org.csc.etl.quality.AuditCohorts;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.etl.testing.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Case-audit samples from small star views: the right cohort, stratified, reproducible, restricted. */
class CaseAuditSamplerTest {
    @TempDir static Path tmp;
    static SparkSession spark;
    static WarehouseConfig config;

    @BeforeAll
    static void star() {
        config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build();
        spark = TestSpark.session();
        List<String> plans = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String team = i < 20 ? "Locality Team 1" : i < 28 ? "Locality Team 2" : "Locality Team 3";
            // Plans 20-24 (Locality Team 2) ended before 2016-03-31; the rest are open then.
            String end = i >= 20 && i < 25 ? "DATE'2016-01-31'" : "NULL";
            plans.add("('liquidlogic', 'P" + i + "', 'C" + i + "', 'W" + (i % 4) + "', '" + team + "', DATE'2015-06-01', " + end + ", 'NEG', 'NEG')");
        }
        spark.sql("SELECT * FROM VALUES " + String.join(", ", plans)
                + " AS t(source_system, source_key, child_key, worker_key, team, start_date, end_date, initial_category, latest_category)")
                .createOrReplaceTempView("fct_cp_plan");
    }

    @AfterAll
    static void dropViews() {
        // The session is shared with the next test class: leave no fixture views behind.
        for (String v : List.of("fct_cp_plan", "dim_date")) spark.catalog().dropTempView(v);
    }

    @Test
    void drawsAReproducibleStratifiedSampleIntoTheRestrictedOutput() throws Exception {
        CaseAuditSampler s = new CaseAuditSampler(spark, config);
        CaseAuditSampler.Result a = s.sample(AuditCohorts.parse("cp_plans"), 10, 5, LocalDate.of(2016, 3, 31));
        assertThat(a.cohortSize()).isEqualTo(25);
        assertThat(a.sampled()).isEqualTo(10);
        assertThat(a.byTeam()).containsOnlyKeys("Locality Team 1", "Locality Team 2", "Locality Team 3");
        assertThat(a.byTeam()).containsEntry("Locality Team 1", 8).containsEntry("Locality Team 2", 1).containsEntry("Locality Team 3", 1);
        String first = Files.readString(a.file());
        assertThat(first).contains("record_key").doesNotContain(",P20,", ",P21,", ",P22,", ",P23,", ",P24,");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.file()))).isEqualTo("rw-------");
        CaseAuditSampler.Result b = s.sample(AuditCohorts.parse("cp_plans"), 10, 5, LocalDate.of(2016, 3, 31));
        assertThat(Files.readString(b.file())).isEqualTo(first);
    }

    @Test
    void aCohortWhoseTableIsNotBuiltSaysSo() {
        assertThatThrownBy(() -> new CaseAuditSampler(spark, config).sample(AuditCohorts.SECTION20, 5, 1, LocalDate.of(2016, 3, 31)))
                .hasMessageContaining("fct_legal_status").hasMessageContaining("nightly");
        assertThatThrownBy(() -> AuditCohorts.parse("everyone")).hasMessageContaining("section20");
    }
}
