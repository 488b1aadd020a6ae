package org.csc.etl.quality;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.etl.testing.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's tables on a few rules of the fixture: findings add up to the results, each run's
 * metrics are kept, and a rule whose failures more than double is flagged.
 */
class DqRunnerTest {
    @TempDir static Path tmp;
    static SparkSession spark;
    static Lake lake;
    static WarehouseConfig config;
    static DqRunner.Summary first;
    static DqRunner.Summary second;
    static DqRunner.Summary third;
    static final List<String> secondLog = new java.util.ArrayList<>();
    static final List<String> thirdLog = new java.util.ArrayList<>();
    static final List<DqRule> RULES = List.of(RuleCatalog.byCode("CMP01"), RuleCatalog.byCode("TIM01"), RuleCatalog.byCode("REC02"));

    @BeforeAll
    static void twoRuns() throws Exception {
        config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).override("dq.jump.min.failed", "2").build();
        spark = TestSpark.session();
        TinyData.apply(spark);
        DqFixture.register(spark, tmp.resolve("landing"));
        lake = new Lake(spark, tmp.resolve("lake"));
        first = DqRunner.run(lake, config, DqFixture.SYSTEMS, RULES, "run-1", m -> {});
        // The next night two more contacts arrive without a source: CMP01 goes from 1 to 3 failures.
        DqFixture.stg(spark, "carefirst", "CONTACTS", "contact_no, client_no, contact_date, source, team, worker_id, entered_on",
                "(101, 1, DATE'2015-06-01', 'Police', 'Locality Team 1', 501, TIMESTAMP'2015-06-01 10:00:00')",
                "(102, 2, DATE'2015-06-01', NULL, 'AREA1', 501, TIMESTAMP'2015-08-03 10:00:00')",
                "(105, 1, DATE'2015-07-01', NULL, 'Locality Team 1', 501, TIMESTAMP'2015-07-01 10:00:00')",
                "(106, 1, DATE'2015-07-02', '', 'Locality Team 1', 501, TIMESTAMP'2015-07-02 10:00:00')");
        // As in a fresh process each night: the enriched views of the first run are gone.
        DqFixture.SYSTEMS.forEach(s -> s.contract().tables().values().forEach(t -> spark.catalog().dropTempView(DqViews.enrichedView(s.name(), t))));
        second = DqRunner.run(lake, config, DqFixture.SYSTEMS, RULES, "run-2", secondLog::add);
        // Nothing changes before the third night: every rule keeps the second night's outcome.
        third = DqRunner.run(lake, config, DqFixture.SYSTEMS, RULES, "run-3", thirdLog::add);
    }

    @AfterAll
    static void restore() {
        TinyData.restore(spark);
        DqFixture.dropTempViews(spark);
    }

    @Test
    void findingsAddUpToTheResultsOfTheRun() {
        long findings = lake.read(DqRunner.FINDINGS).count();
        Row sums = lake.read(DqRunner.RESULTS).where("run_id = 'run-3'").selectExpr("sum(failed)", "sum(checked)").head();
        assertThat(sums.getLong(0)).isEqualTo(findings).isEqualTo(third.failed());
        assertThat(sums.getLong(1)).isEqualTo(third.checked());
        assertThat(lake.read(DqRunner.FINDINGS).select("run_id").distinct().collectAsList()).extracting(r -> r.getString(0)).containsExactly("run-3");
    }

    @Test
    void aRuleThatReadsNothingChangedKeepsTheLastOutcome() {
        // The second night changed Care First contacts: the two rules reading them ran, the ICPC log rule did not.
        assertThat(secondLog).anyMatch(l -> l.contains("1 rules read nothing that changed since run-1") && l.endsWith("kept: REC02"));
        assertThat(thirdLog).anyMatch(l -> l.contains("3 rules read nothing that changed since run-2") && l.endsWith("kept: CMP01, TIM01, REC02"));
        assertThat(thirdLog).anyMatch(l -> l.startsWith("[quality] 0 rules run, 3 kept from the last run, 0 skipped"));
        assertThat(third.totals()).extracting(t -> t.rule() + ":" + t.checked() + ":" + t.failed())
                .containsExactlyInAnyOrderElementsOf(second.totals().stream().map(t -> t.rule() + ":" + t.checked() + ":" + t.failed()).toList());
        // Kept means copied whole: the same results rows and the same findings, under the new run's id.
        String results = "SELECT rule, team, month, checked, failed FROM %s WHERE run_id = '%s'";
        lake.read(DqRunner.RESULTS).createOrReplaceTempView("test_results");
        assertThat(spark.sql(results.formatted("test_results", "run-3")).exceptAll(spark.sql(results.formatted("test_results", "run-2"))).count()).isZero();
        assertThat(spark.sql(results.formatted("test_results", "run-2")).exceptAll(spark.sql(results.formatted("test_results", "run-3"))).count()).isZero();
        assertThat(spark.sql(results.formatted("test_results", "run-1") + " AND rule = 'REC02'")
                .exceptAll(spark.sql(results.formatted("test_results", "run-2") + " AND rule = 'REC02'")).count()).isZero();
        assertThat(lake.read(DqRunner.FINDINGS).count()).isEqualTo(second.failed()).isPositive();
    }

    @Test
    void everyRunsMetricsAreKeptForTrends() {
        assertThat(lake.read(DqRunner.RESULTS).select("run_id").distinct().count()).isEqualTo(3);
        assertThat(lake.read(DqRunner.RULE_RUNS).count()).isEqualTo(3L * RULES.size());
        assertThat(lake.read(DqRunner.RULES).count()).isEqualTo(RULES.size());
    }

    @Test
    void aRuleWhoseFailuresMoreThanDoubleIsFlagged() {
        assertThat(first.jumps()).isEmpty();
        assertThat(second.jumps()).extracting(DqRunner.RuleTotal::rule).containsExactly("CMP01");
        DqRunner.RuleTotal cmp = second.totals().stream().filter(t -> t.rule().equals("CMP01")).findFirst().orElseThrow();
        assertThat(cmp.failed()).isEqualTo(3);
        assertThat(cmp.previousFailed()).isEqualTo(1);
    }

    @Test
    void outcomesKeepEveryFailingRecordAndCountEveryCheckedOne() {
        // Three passing records and three failing ones in one rule, team and month, two of them identical:
        // passing records collapse to one row, and the identical failures stay two records, not one.
        List<Row> rows = DqRunner.outcomes(spark.sql("""
                SELECT * FROM VALUES
                  ('R1', 'S', 'T', 'k1', 'c1', NULL, 'Team A', DATE'2016-05-01', false, NULL),
                  ('R1', 'S', 'T', 'k2', 'c2', NULL, 'Team A', DATE'2016-05-01', false, 'ok'),
                  ('R1', 'S', 'T', 'k3', 'c3', NULL, 'Team A', DATE'2016-05-01', false, NULL),
                  ('R1', 'S', 'T', 'k4', 'c4', NULL, 'Team A', DATE'2016-05-01', true, 'no source'),
                  ('R1', 'S', 'T', 'k4', 'c4', NULL, 'Team A', DATE'2016-05-01', true, 'no source'),
                  ('R1', 'S', 'T', 'k5', 'c5', NULL, 'Team A', DATE'2016-05-01', true, 'no source')
                  AS p(rule, source_system, source_table, record_key, child_key, worker_key, team, month, failed, detail)
                """)).orderBy("failed", "record_key").collectAsList();
        assertThat(rows).extracting(r -> r.getAs("failed") + ":" + r.getAs("record_key") + ":" + r.getAs("detail") + ":" + r.getAs("records"))
                .containsExactly("false:null:null:3", "true:k4:no source:2", "true:k5:no source:1");
    }

    @Test
    void jumpFlagNeedsAPreviousRunAndAMinimum() {
        assertThat(JumpFlag.jumped(10, null, 2, 5)).isFalse();
        assertThat(JumpFlag.jumped(4, 1L, 2, 5)).isFalse();
        assertThat(JumpFlag.jumped(11, 5L, 2, 5)).isTrue();
        assertThat(JumpFlag.jumped(10, 5L, 2, 5)).isFalse();
        assertThat(JumpFlag.jumped(6, 0L, 2, 5)).isTrue();
    }
}
