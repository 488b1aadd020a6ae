package org.csc.cubes.kpi;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.calendar.DateDimension;
import org.csc.warehouse.calendar.WorkingCalendar;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.Spark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A nightly that keeps unchanged children's members must publish exactly what computing every
 * member would: the hand-made star of KpiFixture published for April 2015 to February 2016, then
 * changed for four children (a new referral; a placement ended and a new one; a worker's FTE,
 * which reaches the children allocated to that worker) with March 2016 reported for the first time.
 */
class MemberReuseTest {
    private static final String RUN1 = "run-20160301T000000.000Z", RUN2 = "run-20160401T000000.000Z", RUN3 = "run-20160402T000000.000Z";
    private static SparkSession spark;
    private static WarehouseConfig config;
    private static Lake lake;
    private static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        Path dir = Files.createTempDirectory("member-reuse");
        config = WarehouseConfig.builder().env(Map.of()).baseDir(dir).build();
        spark = Spark.session(config);
        lake = new Lake(spark, dir.resolve("lake"));
        DateDimension.build(spark, WorkingCalendar.from(config)).createOrReplaceTempView("dim_date");
    }

    @AfterAll
    static void tearDown() {
        KpiFixture.star().drop(spark);
    }

    private record Built(MemberReuse.Plan plan, List<Row> members, List<Row> values) {}

    /** One cube over the registered star; with reuse, as a nightly does it (members to the lake, then the state recorded). */
    private static Built build(YearMonth to, String run, boolean reuse) {
        CubeBuilder builder = new CubeBuilder(spark, config, KpiCatalog.ALL, log::add);
        MemberReuse r = reuse ? builder.reusing(lake) : null;
        CubeBuilder.Cube cube = builder.build(YearMonth.of(2015, 4), to, run);
        List<Row> members = sorted(cube.members());
        List<Row> values = sorted(cube.values().drop("run_id"));
        if (reuse) {
            lake.overwrite(CubeBuilder.MEMBERS, cube.members());
            r.record(run);
        }
        return new Built(r == null ? null : r.lastPlan(), members, values);
    }

    private static List<Row> sorted(Dataset<Row> ds) {
        List<Row> rows = new ArrayList<>(ds.collectAsList());
        rows.sort(java.util.Comparator.comparing(Row::toString));
        return rows;
    }

    private static StarFixture changed() {
        StarFixture s = KpiFixture.star();
        s.add("fct_referral", "referral_key", "R7", "child_key", "K1", "referral_date", "2016-03-10", "is_nfa", false,
                "team", "Team A", "area", "Area 1");
        s.remove("fct_placement", "placement_key", "X8")
                .add("fct_placement", "placement_key", "X8", "child_key", "K33", "start_date", "2015-12-01", "end_date", "2016-03-05",
                        "placement_type_code", "U6", "distance_miles", 5.0)
                .add("fct_placement", "placement_key", "X17", "child_key", "K33", "start_date", "2016-03-05",
                        "placement_type_code", "U4", "distance_miles", 40.0);
        s.remove("dim_worker", "worker_key", "W2")
                .add("dim_worker", "worker_key", "W2", "valid_from", "2010-01-01", "team", "Team B", "area", "Area 2", "job_title_code", "SW",
                        "is_social_worker", true, "is_qualified", true, "fte", 1.0, "is_agency", true, "max_caseload", 3.0,
                        "start_date", "2010-01-01");
        return s;
    }

    @Test
    void keptMembersGiveTheSameCubeAsComputingEveryMember() {
        KpiFixture.star().register(spark);
        Built first = build(YearMonth.of(2016, 2), RUN1, true);
        assertTrue(first.plan().full());
        assertEquals("no earlier run to keep members from", first.plan().reason());

        changed().register(spark);
        Built night = build(YearMonth.of(2016, 3), RUN2, true);
        assertFalse(night.plan().full(), () -> night.plan().reason());
        // K1 (referral), K33 (placements), and K13 and K31, allocated to W2 whose FTE changed.
        assertEquals(new TreeSet<>(Set.of("K1", "K13", "K31", "K33")), night.plan().children());
        assertEquals(List.of(Date.valueOf("2016-03-31")), night.plan().newDates());
        assertEquals(RUN1, night.plan().lastRun());

        Built everything = build(YearMonth.of(2016, 3), RUN2, false);
        assertEquals(everything.members().size(), night.members().size());
        assertEquals(everything.members(), night.members());
        assertEquals(everything.values(), night.values());
        // The new referral is a member, computed tonight.
        assertTrue(night.members().stream().anyMatch(r -> r.getString(0).equals("referrals") && "R7".equals(r.getAs("member_key"))));

        // Nothing changed since: every member is kept, and the cube is still the same.
        Built again = build(YearMonth.of(2016, 3), RUN3, true);
        assertFalse(again.plan().full());
        assertTrue(again.plan().children().isEmpty());
        assertTrue(again.plan().newDates().isEmpty());
        assertEquals(everything.members(), again.members());
        assertEquals(everything.values().size(), again.values().size());
        assertTrue(log.stream().anyMatch(l -> l.contains("members computed again for 0 of")), () -> String.join("\n", log));
    }

    @Test
    void childIndicatorsReachWorkersOnlyThroughAllocations() {
        // MemberReuse follows a changed worker to children through fct_allocation alone: a CHILD indicator
        // that read dim_worker any other way would keep members that should change.
        assertTrue(MemberReuse.tablesRead(KpiCatalog.ALL).contains("dim_worker"));
        assertTrue(MemberReuse.tablesRead(KpiCatalog.ALL).contains("fct_allocation"));
        for (Kpi k : KpiCatalog.ALL) {
            if (k.grain() == Kpi.Grain.CHILD) assertFalse(k.membersSql().contains("dim_worker"), k.code());
            if (k.grain() == Kpi.Grain.CHILD && k.kind() == Kpi.Kind.EVENT) {
                // An event's members do not depend on the reporting month ends: only ASAT members are computed at new ones.
                assertFalse(k.membersSql().contains("asat_dates") || k.membersSql().contains("kpi_h_"), k.code());
            }
        }
        assertEquals(Set.of("caseload_per_fte", "workers_over_max_pct", "agency_sw_rate_pct", "sickness_days_per_fte"),
                new TreeSet<>(KpiCatalog.ALL.stream().filter(k -> k.grain() == Kpi.Grain.WORKFORCE).map(Kpi::code).toList()));
    }
}
