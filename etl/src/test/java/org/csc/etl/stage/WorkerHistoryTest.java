package org.csc.etl.stage;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.etl.conform.ConformJob;
import org.csc.etl.landing.Drop;
import org.csc.etl.landing.LandingScan;
import org.csc.etl.ledger.LedgerEntry;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.carefirst.CareFirstSource;
import org.csc.etl.source.liquidlogic.LiquidLogicSource;
import org.csc.etl.testing.DropBuilder;
import org.csc.etl.testing.Journeys;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.Spark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.csc.etl.testing.Journeys.r;

/**
 * dim_worker is a type 2 history across drops: staging keeps every drop's worker rows
 * (stg_liquidlogic__dim_worker_history), including a FULL drop superseded within its run, and a
 * worker who moves team and changes FTE between two drops gets a second version from the extract
 * date of the drop that first shows the change. Worker 601 moves from department 1 (Locality Team 1)
 * to department 2 (Safeguarding Unit) and from 1.0 to 0.5 FTE; worker 602 does not change.
 */
class WorkerHistoryTest {
    static final List<SourceSystem> SYSTEMS = List.of(new CareFirstSource(), new LiquidLogicSource());
    static final LocalDate FIRST = LocalDate.of(2016, 4, 1);
    static final LocalDate SECOND = LocalDate.of(2016, 5, 1);

    /** valid_from|valid_to|team|area|fte|max_caseload|version, oldest first (valid_to '-' = current). */
    static final List<String> MOVED = List.of(
            "2010-01-01|2016-05-01|Locality Team 1|Area 1|1.0|18.0|1",
            "2016-05-01|-|Safeguarding Unit|Safeguarding|0.5|9.0|2");
    static final List<String> UNCHANGED = List.of("2010-01-01|-|Locality Team 1|Area 1|1.0|18.0|1");

    @TempDir Path tmp;

    @Test
    void aSecondFullDropInTheSameRunStillVersionsTheMove() {
        Path landing = tmp.resolve("landing");
        drop(landing, FIRST, "FULL", 1, "1.0", true);
        drop(landing, SECOND, "FULL", 2, "0.5", true);
        WarehouseConfig config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build();
        Lake lake = new Lake(Spark.session(config), config);

        StagingResult staged = stage(lake, landing, null);
        // The history is a side record: the first FULL is still SUPERSEDED in the ledger, nothing of it counted as loaded.
        assertThat(staged.entries()).filteredOn(e -> e.dropId().contains(FIRST.toString()))
                .isNotEmpty().allMatch(e -> e.status() == LedgerEntry.Status.SUPERSEDED && e.received() == 0 && e.staged() == 0);
        assertThat(staged.dropsSuperseded()).isEqualTo(1);

        assertThat(history(lake)).containsExactly("601|" + FIRST + "|1|1.0", "601|" + SECOND + "|2|0.5",
                "602|" + FIRST + "|1|1.0", "602|" + SECOND + "|1|1.0");
        new ConformJob(lake, config, s -> {}).plan(SYSTEMS);
        assertThat(versions(lake.spark(), 601)).containsExactlyElementsOf(MOVED);
        assertThat(versions(lake.spark(), 602)).containsExactlyElementsOf(UNCHANGED);
    }

    @Test
    void aDeltaDropInALaterRunVersionsTheMoveAndRerunningAddsNoHistory() {
        Path landing = tmp.resolve("landing");
        drop(landing, FIRST, "FULL", 1, "1.0", true);
        WarehouseConfig config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build();
        Lake lake = new Lake(Spark.session(config), config);
        stage(lake, landing, FIRST);
        drop(landing, SECOND, "DELTA", 2, "0.5", false);
        stage(lake, landing, SECOND);

        List<String> expectedHistory = List.of("601|" + FIRST + "|1|1.0", "601|" + SECOND + "|2|0.5", "602|" + FIRST + "|1|1.0");
        assertThat(history(lake)).containsExactlyElementsOf(expectedHistory);
        new ConformJob(lake, config, s -> {}).plan(SYSTEMS);
        assertThat(versions(lake.spark(), 601)).containsExactlyElementsOf(MOVED);
        assertThat(versions(lake.spark(), 602)).containsExactlyElementsOf(UNCHANGED);

        // Re-staging the same drops adds no history rows.
        stage(lake, landing, null);
        assertThat(history(lake)).containsExactlyElementsOf(expectedHistory);
    }

    /** A Liquid Logic drop: worker 601 in {@code dept} at {@code fte}; worker 602 (dept 1, 1.0) only when {@code withOther}. */
    private static void drop(Path landing, LocalDate extract, String mode, int dept, String fte, boolean withOther) {
        DropBuilder b = Journeys.departments(new DropBuilder(landing, "liquidlogic", extract, mode));
        b.row("DIM_WORKER", worker(601, dept, fte));
        if (withOther) b.row("DIM_WORKER", worker(602, 1, "1.0"));
        b.write();
    }

    private static Map<String, Object> worker(int id, int dept, String fte) {
        return r("DIM_WORKER_ID", id, "STAFF_ID", "S" + id, "LEGACY_WORKER_ID", "NULL", "FORENAME", "Sam", "SURNAME", "Worker",
                "JOB_TITLE", "Social Worker", "DIM_DEPARTMENT_ID", dept, "FULL_TIME_EQUIVALENCY", fte, "WORKER_ID_CODE", "SW" + id,
                "EMPLOYMENT_TYPE_DESC", "Permanent", "START_DTTM", "2010-01-01 09:30:00.000");
    }

    /** Stages the landing's drops (only the one of {@code only} when given). */
    private static StagingResult stage(Lake lake, Path landing, LocalDate only) {
        List<Drop> drops = LandingScan.scan(landing, List.of("carefirst", "liquidlogic")).drops().stream()
                .filter(d -> only == null || d.extractDate().equals(only)).toList();
        return new StagingJob(lake, s -> {}, 2).run("test-run", SYSTEMS, drops);
    }

    private static List<String> history(Lake lake) {
        return lake.read("stg_liquidlogic__dim_worker_history")
                .selectExpr("concat_ws('|', dim_worker_id, _extract_date, dim_department_id, full_time_equivalency) AS v")
                .orderBy("v").collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private static List<String> versions(SparkSession spark, int llWorker) {
        List<Row> rows = spark.sql("""
                SELECT concat_ws('|', d.valid_from, coalesce(CAST(d.valid_to AS STRING), '-'), d.team, d.area, d.fte, d.max_caseload, d.version)
                FROM dim_worker d JOIN map_worker m ON m.worker_key = d.worker_key
                WHERE m.system = 'liquidlogic' AND m.source_id = %d ORDER BY d.valid_from
                """.formatted(llWorker)).collectAsList();
        return rows.stream().map(r -> r.getString(0)).toList();
    }
}
