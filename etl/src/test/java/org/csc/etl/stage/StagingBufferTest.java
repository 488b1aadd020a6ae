package org.csc.etl.stage;

import org.apache.spark.sql.Row;
import org.csc.etl.landing.Drop;
import org.csc.etl.landing.LandingScan;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.csc.etl.testing.Journeys.r;

/**
 * Staging with a buffer far smaller than the drops (two rows) spills them in many parts, a FULL
 * drop among them, and must leave exactly the staging tables, ledger counts and quarantine that
 * one write per table leaves. Two runs: FULL + DELTA (first write, an update, a deletion, a bad
 * row), then FULL + DELTA again (the FULL lacks a contact the DELTA brings back, and one the run
 * never re-delivers). A third lake takes the second run's changes by rewriting its tables whole
 * instead of by MERGE, and must end the same.
 */
class StagingBufferTest {
    static final List<SourceSystem> SYSTEMS = List.of(new CareFirstSource(), new LiquidLogicSource());
    static final String TABLE = "stg_liquidlogic__fact_contacts";
    static final String DEPARTMENTS = "stg_liquidlogic__dim_department";
    static final LocalDate D1 = LocalDate.of(2016, 4, 1), D2 = LocalDate.of(2016, 4, 2), D3 = LocalDate.of(2016, 4, 8), D4 = LocalDate.of(2016, 4, 9);

    @TempDir Path tmp;

    @Test
    void aSmallBufferStagesTheSameTablesAsOneWritePerTable() {
        Path landing = tmp.resolve("landing");
        // Departments too: two tables spill, and their writes run side by side.
        Journeys.departments(contacts(landing, D1, "FULL", new int[]{1, 2, 3, 4, 5}, 6)).write();
        contacts(landing, D2, "DELTA", new int[]{2, 7}, 0).delete("FACT_CONTACTS", "3", "2016-04-02 10:00:00.000")
                .delete("FACT_CONTACTS", "99", "2016-04-02 10:00:00.000").write();

        Lake whole = lake("whole");
        Lake parts = lake("parts");
        Lake rewritten = lake("rewritten");
        StagingResult w1 = stage(whole, landing, Long.MAX_VALUE, D1, D2);
        StagingResult p1 = stage(parts, landing, 2, D1, D2);
        stage(rewritten, landing, Long.MAX_VALUE, Long.MAX_VALUE, D1, D2);

        Journeys.departments(contacts(landing, D3, "FULL", new int[]{1, 2, 4, 7, 8}, 0)).write();
        contacts(landing, D4, "DELTA", new int[]{5, 9}, 0).delete("FACT_CONTACTS", "8", "2016-04-09 10:00:00.000").write();
        StagingResult w2 = stage(whole, landing, Long.MAX_VALUE, D3, D4);
        StagingResult p2 = stage(parts, landing, 2, D3, D4);
        // The second run finds the tables held: rewritten whole instead of MERGEd.
        StagingResult r2 = stage(rewritten, landing, Long.MAX_VALUE, Long.MAX_VALUE, D3, D4);

        assertThat(p1.entries()).isEqualTo(w1.entries());
        assertThat(p2.entries()).isEqualTo(w2.entries());
        assertThat(p1.quarantinedRows()).isEqualTo(1).isEqualTo(w1.quarantinedRows());
        assertThat(p1.messages()).anyMatch(m -> m.contains("staging buffer (2 rows) filled"));
        assertThat(w1.messages()).noneMatch(m -> m.contains("staging buffer"));
        assertThat(p1.changedTables()).containsExactlyInAnyOrder(TABLE, DEPARTMENTS);
        assertThat(p2.changedTables()).containsExactlyInAnyOrder(TABLE, DEPARTMENTS);

        List<String> expected = List.of(
                "1|2016-04-08|null", "2|2016-04-08|null", "3|2016-04-01|2016-04-02 10:00:00", "4|2016-04-08|null",
                // 5: absent from the FULL of 8 April, back in the DELTA of 9 April
                "5|2016-04-09|null", "7|2016-04-08|null", "8|2016-04-08|2016-04-09 10:00:00", "9|2016-04-09|null");
        assertThat(rows(whole, TABLE)).containsExactlyElementsOf(expected);
        assertThat(rows(parts, TABLE)).containsExactlyElementsOf(expected);
        assertThat(all(parts, TABLE)).isEqualTo(all(whole, TABLE));
        assertThat(all(parts, DEPARTMENTS)).isEqualTo(all(whole, DEPARTMENTS)).hasSizeGreaterThan(2);
        assertThat(all(parts, StagingJob.QUARANTINE_TABLE)).isEqualTo(all(whole, StagingJob.QUARANTINE_TABLE)).hasSize(1);
        assertThat(r2.entries()).isEqualTo(w2.entries());
        assertThat(all(rewritten, TABLE)).isEqualTo(all(whole, TABLE));
        assertThat(all(rewritten, DEPARTMENTS)).isEqualTo(all(whole, DEPARTMENTS));
        assertThat(rewritten.read(TABLE).schema()).isEqualTo(whole.read(TABLE).schema());
    }

    @Test
    void aRewrittenFullDropMarksTheRowsItLacksAndKeepsEarlierDeletions() {
        Path landing = tmp.resolve("landing");
        contacts(landing, D1, "FULL", new int[]{1, 2, 3, 4, 5}, 0).write();
        contacts(landing, D2, "DELTA", new int[]{6}, 0).delete("FACT_CONTACTS", "2", "2016-04-02 10:00:00.000").write();
        Lake lake = lake("rewritten");
        stage(lake, landing, Long.MAX_VALUE, Long.MAX_VALUE, D1);
        stage(lake, landing, Long.MAX_VALUE, Long.MAX_VALUE, D2);
        contacts(landing, D3, "FULL", new int[]{1, 4, 6}, 0).write();
        stage(lake, landing, Long.MAX_VALUE, Long.MAX_VALUE, D3);
        assertThat(rows(lake, TABLE)).containsExactly("1|2016-04-08|null", "2|2016-04-01|2016-04-02 10:00:00",
                "3|2016-04-01|2016-04-08 00:00:00", "4|2016-04-08|null", "5|2016-04-01|2016-04-08 00:00:00", "6|2016-04-08|null");
    }

    @Test
    void aFullDropSpilledInPartsMarksTheRowsItLacksDeletedAtItsExtractDate() {
        Path landing = tmp.resolve("landing");
        contacts(landing, D1, "FULL", new int[]{1, 2, 3, 4, 5}, 0).write();
        Lake parts = lake("parts");
        stage(parts, landing, 2, D1);
        contacts(landing, D3, "FULL", new int[]{1, 2, 4}, 0).write();
        stage(parts, landing, 2, D3);
        assertThat(rows(parts, TABLE)).containsExactly("1|2016-04-08|null", "2|2016-04-08|null", "3|2016-04-01|2016-04-08 00:00:00",
                "4|2016-04-08|null", "5|2016-04-01|2016-04-08 00:00:00");
    }

    private Lake lake(String name) {
        WarehouseConfig config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp.resolve(name)).build();
        return new Lake(Spark.session(config), config);
    }

    /** Liquid Logic contacts with the given ids (and one with an impossible date when {@code badId} is not 0). */
    private static DropBuilder contacts(Path landing, LocalDate extract, String mode, int[] ids, int badId) {
        DropBuilder b = new DropBuilder(landing, "liquidlogic", extract, mode);
        for (int id : ids) b.row("FACT_CONTACTS", contact(id, "2016-03-" + String.format("%02d", id) + " 09:30:00.000"));
        if (badId != 0) b.row("FACT_CONTACTS", contact(badId, "31/02/2016"));
        return b;
    }

    private static Map<String, Object> contact(int id, String when) {
        return r("FACT_CONTACT_ID", id, "DIM_PERSON_ID", 500 + id, "CONTACT_DTTM", when, "DIM_LOOKUP_CONT_SORC_ID", "6",
                "OUTCOME_NEW_REFERRAL_FLAG", "N", "OUTCOME_EXISTING_REFERRAL_FLAG", "N", "OUTCOME_CP_ENQUIRY_FLAG", "N", "OUTCOME_NFA_FLAG", "Y",
                "OUTCOME_ADVICE_FLAG", "N", "OUTCOME_EARLY_HELP_FLAG", "N", "DIM_DEPARTMENT_ID", 1, "DIM_WORKER_ID", 601,
                "CREATED_DTTM", "2016-03-31 09:30:00.000");
    }

    private static StagingResult stage(Lake lake, Path landing, long bufferRows, LocalDate... dates) {
        return stage(lake, landing, bufferRows, 0, dates);
    }

    /** rewriteMaxBytes 0: held tables take changes by MERGE; larger: tables up to that size are rewritten. */
    private static StagingResult stage(Lake lake, Path landing, long bufferRows, long rewriteMaxBytes, LocalDate... dates) {
        List<Drop> drops = LandingScan.scan(landing, List.of("carefirst", "liquidlogic")).drops().stream()
                .filter(d -> Arrays.asList(dates).contains(d.extractDate())).toList();
        return new StagingJob(lake, s -> {}, 2, bufferRows, rewriteMaxBytes).run("test-run", SYSTEMS, drops);
    }

    /** id|extract date of the drop that last delivered it|deleted at. */
    private static List<String> rows(Lake lake, String table) {
        return lake.read(table).selectExpr("concat_ws('|', fact_contact_id, _extract_date, coalesce(CAST(_deleted_at AS STRING), 'null'))")
                .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    }

    private static List<String> all(Lake lake, String table) {
        return lake.read(table).collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
