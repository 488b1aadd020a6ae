package org.csc.etl.ledger;

import org.csc.etl.testing.TestSpark;
import org.csc.warehouse.lake.Lake;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunLogTest {
    @TempDir Path tmp;

    private static LedgerEntry applied(String runId) {
        return new LedgerEntry(runId, "liquidlogic/2016-04-01", "liquidlogic", LocalDate.of(2016, 4, 1), "DELTA", "FACT_CONTACTS.csv",
                "ab", 1, 1, 1, 0, LedgerEntry.Status.APPLIED, null);
    }

    @Test
    void aRunThatAppliedDropsIsUnpublishedUntilARunFinishesAfterIt() {
        Lake lake = new Lake(TestSpark.session(), tmp.resolve("lake"));
        RunLog log = new RunLog(lake);
        assertThat(log.unpublishedRun()).isNull();
        new DropLedger(lake).record(List.of(applied("run-20260101T000000.000Z")));
        assertThat(log.unpublishedRun()).isEqualTo("run-20260101T000000.000Z");
        log.recordFinished("run-20260101T000000.000Z", true);
        assertThat(log.unpublishedRun()).isNull();
        // The next run applies a drop and stops: the run after it must finish that work.
        new DropLedger(lake).record(List.of(applied("run-20260102T000000.000Z")));
        assertThat(log.unpublishedRun()).isEqualTo("run-20260102T000000.000Z");
    }

    @Test
    void vacuumIsDueEveryPeriodCountedFromTheLastRunThatVacuumedOrTheFirstRun() {
        Lake lake = new Lake(TestSpark.session(), tmp.resolve("lake"));
        RunLog log = new RunLog(lake);
        Instant now = Instant.now();
        Duration week = Duration.ofDays(7);
        assertThat(log.isEmpty()).isTrue();
        assertThat(log.vacuumDue(now.plus(Duration.ofDays(30)), week)).isFalse();
        log.recordFinished("run-a", false);
        assertThat(log.vacuumDue(now.plus(Duration.ofDays(6)), week)).isFalse();
        assertThat(log.vacuumDue(now.plus(Duration.ofDays(8)), week)).isTrue();
        log.recordFinished("run-b", true);
        Instant vacuumed = Instant.now();
        assertThat(log.vacuumDue(vacuumed.plus(Duration.ofDays(6)), week)).isFalse();
        log.recordFinished("run-c", false);
        assertThat(log.vacuumDue(vacuumed.plus(Duration.ofDays(6)), week)).isFalse();
        assertThat(log.vacuumDue(vacuumed.plus(Duration.ofDays(8)), week)).isTrue();
        assertThat(log.vacuumDue(Instant.now(), Duration.ZERO)).isTrue();
    }

    @Test
    void aLogWrittenBeforeTheVacuumedColumnCountsFromItsFirstRun() {
        Lake lake = new Lake(TestSpark.session(), tmp.resolve("lake"));
        StructType before = new StructType().add("run_id", DataTypes.StringType, false).add("finished_at", DataTypes.TimestampType, false);
        Instant first = Instant.now().minus(Duration.ofDays(10));
        lake.append(RunLog.TABLE, lake.spark().createDataFrame(List.of(RowFactory.create("run-old", Timestamp.from(first))), before));
        RunLog log = new RunLog(lake);
        assertThat(log.read().columns()).contains("vacuumed");
        assertThat(log.vacuumDue(first.plus(Duration.ofDays(6)), Duration.ofDays(7))).isFalse();
        assertThat(log.vacuumDue(first.plus(Duration.ofDays(8)), Duration.ofDays(7))).isTrue();
    }
}
