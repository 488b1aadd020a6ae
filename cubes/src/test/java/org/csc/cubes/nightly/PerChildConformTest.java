package org.csc.cubes.nightly;

import org.apache.spark.sql.Row;
import org.csc.etl.simulate.SimulationOptions;
import org.csc.etl.simulate.Simulator;
import org.csc.etl.testing.DropBuilder;
import org.csc.etl.testing.Journeys;
import org.csc.etl.testing.TestSpark;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.Spark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-child conform (etl ChildScope) against computing every child: a simulated authority's night
 * after a first load (the first of a month: month-end snapshots for every child), then a hand-made night that moves a contact to another child, links one
 * child's s47 to another child's strategy meeting (whose team comes from its s47s' latest department) and deletes a
 * referral. The lake of those nights must hold the same star as a rebuild of the same drops, table
 * by table. Without the s47-to-meeting link in ChildScope.LINKS the meeting's child keeps its old
 * team and the comparison fails.
 */
class PerChildConformTest {
    @TempDir static Path tmp;
    static final LocalDate FIRST = LocalDate.of(2016, 5, 31);
    static final LocalDate LAST_SIMULATED = LocalDate.of(2016, 6, 1);
    static final LocalDate CRAFTED = LAST_SIMULATED.plusDays(1);
    static final List<List<String>> logs = new ArrayList<>();
    static WarehouseConfig nights;
    static WarehouseConfig rebuilt;

    @BeforeAll
    static void runNightsAndRebuild() throws Exception {
        TestSpark.session();
        Path landing = tmp.resolve("landing");
        WarehouseConfig base = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build();
        Simulator.run(new SimulationOptions(landing, 7, LocalDate.of(2016, 3, 1), LAST_SIMULATED, LocalDate.of(2016, 4, 1), 1, 1, 0.05), base);
        nights = config(landing, "nights");
        for (LocalDate d = FIRST; !d.isAfter(LAST_SIMULATED); d = d.plusDays(1)) night(nights, d);
        craftNight(landing, new Lake(Spark.session(nights), nights));
        night(nights, CRAFTED);
        rebuilt = config(landing, "rebuilt");
        new NightlyJob(WarehouseConfig.builder().env(Map.of()).baseDir(tmp).override("landing.dir", landing.toString())
                .override("lake.dir", tmp.resolve("rebuilt/lake").toString()).override("out.dir", tmp.resolve("rebuilt/out").toString())
                .override("nightly.until", CRAFTED.toString()).build(), s -> {}, Clock.systemUTC()).rebuild();
    }

    static WarehouseConfig config(Path landing, String name) {
        return WarehouseConfig.builder().env(Map.of()).baseDir(tmp).override("landing.dir", landing.toString())
                .override("lake.dir", tmp.resolve(name + "/lake").toString()).override("out.dir", tmp.resolve(name + "/out").toString()).build();
    }

    static void night(WarehouseConfig c, LocalDate until) {
        List<String> log = new ArrayList<>();
        WarehouseConfig u = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).override("landing.dir", c.path("landing.dir").toString())
                .override("lake.dir", c.path("lake.dir").toString()).override("out.dir", c.path("out.dir").toString())
                .override("nightly.until", until.toString()).build();
        new NightlyJob(u, log::add, Clock.systemUTC()).run();
        logs.add(log);
    }

    /** A contact moved to another person, an s47 of one child on another child's strategy meeting, a referral deleted. */
    static void craftNight(Path landing, Lake lake) {
        Row contact = lake.spark().sql("SELECT c.fact_contact_id, p.dim_person_id FROM stg_liquidlogic__fact_contacts c"
                + " JOIN stg_liquidlogic__dim_person p ON p.dim_person_id <> c.dim_person_id AND p.duplicated_dttm IS NULL"
                + " WHERE c._deleted_at IS NULL ORDER BY c.fact_contact_id, p.dim_person_id LIMIT 1").first();
        Row meeting = lake.spark().sql("SELECT m.fact_meeting_id, p.dim_person_id FROM stg_liquidlogic__fact_meetings m"
                + " JOIN stg_liquidlogic__dim_person p ON p.dim_person_id <> m.dim_person_id AND p.duplicated_dttm IS NULL"
                + " WHERE m._deleted_at IS NULL AND m.actual_dttm IS NOT NULL AND NOT coalesce(m.cancelled, false)"
                + " AND m.dim_lookup_mtg_type_id_code = 'StratDisc'"
                + " AND NOT EXISTS (SELECT 1 FROM stg_liquidlogic__fact_s47 s WHERE s.fact_strat_meeting_id = m.fact_meeting_id"
                + "   AND s.completed_by_dept_id >= (SELECT max(dim_department_id) FROM stg_liquidlogic__dim_department))"
                + " ORDER BY m.fact_meeting_id DESC, p.dim_person_id LIMIT 1").first();
        Row referral = lake.spark().sql("SELECT fact_referral_id FROM stg_liquidlogic__fact_referrals WHERE _deleted_at IS NULL"
                + " ORDER BY fact_referral_id LIMIT 1").first();
        Row dept = lake.spark().sql("SELECT max(dim_department_id) FROM stg_liquidlogic__dim_department").first();
        new DropBuilder(landing, "liquidlogic", CRAFTED, "DELTA")
                .row("FACT_CONTACTS", Journeys.r("FACT_CONTACT_ID", contact.getLong(0), "DIM_PERSON_ID", contact.getLong(1),
                        "CONTACT_DTTM", "2016-06-02 10:00:00.000", "DIM_LOOKUP_CONT_SORC_ID", "2A", "OUTCOME_ADVICE_FLAG", "Y",
                        "DIM_DEPARTMENT_ID", dept.get(0), "CREATED_DTTM", "2016-06-02 11:00:00.000"))
                .row("FACT_S47", Journeys.r("FACT_S47_ID", 990_001, "DIM_PERSON_ID", meeting.getLong(1), "FACT_STRAT_MEETING_ID", meeting.getLong(0),
                        "START_DTTM", "2016-06-02 09:00:00.000", "COMPLETED_BY_DEPT_ID", dept.get(0), "CREATED_DTTM", "2016-06-02 11:00:00.000"))
                .delete("FACT_REFERRALS", String.valueOf(referral.getLong(0)), "2016-06-02 12:00:00.000")
                .write();
    }

    @Test
    void nightsAfterTheFirstRecomputeOnlySomeChildren() {
        assertThat(logs.get(0)).anyMatch(l -> l.startsWith("[conform] every child recomputed"));
        for (List<String> log : logs.subList(1, logs.size())) {
            String line = log.stream().filter(l -> l.startsWith("[conform] per child: ")).findFirst().orElseThrow(
                    () -> new AssertionError("no per-child conform in " + log));
            String[] n = line.substring("[conform] per child: ".length()).split(" ");
            assertThat(Integer.parseInt(n[0])).isPositive().isLessThan(Integer.parseInt(n[2]) / 10);
        }
        assertThat(logs.get(1)).contains("[conform] a new month began: month-end snapshots computed for every child");
        // The hand-made night links two children through the s47 and moves a contact between two.
        assertThat(logs.get(logs.size() - 1)).anyMatch(l -> l.matches(" {2}\\[conform] [1-9][0-9]* cross-child link\\(s\\).*"));
    }

    @Test
    void theNightsGiveTheSameStarAsARebuild() {
        Lake a = new Lake(Spark.session(nights), nights);
        Lake b = new Lake(Spark.session(rebuilt), rebuilt);
        List<String> tables = a.tables().stream().filter(t -> t.matches("(map|dim|fct)_.*|identity_match_report|dq_unmapped_values")).sorted().toList();
        assertThat(tables).contains("fct_contact", "fct_strategy_discussion", "fct_referral", "fct_child_month", "map_child");
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String t : tables) {
            List<String> x = rows(a, t);
            List<String> y = rows(b, t);
            assertThat(x).as(t).isEqualTo(y);
            sizes.put(t, x.size());
        }
        assertThat(sizes.get("fct_contact")).isGreaterThan(1000);
    }

    static List<String> rows(Lake lake, String table) {
        List<String> rows = new ArrayList<>(lake.read(table).collectAsList().stream().map(Object::toString).toList());
        rows.sort(null);
        return rows;
    }
}
