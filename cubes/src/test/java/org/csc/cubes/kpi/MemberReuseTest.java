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

    /** KpiFixture's star plus a referral without a child key and another child's assessment linked to it. */
    private static StarFixture base() {
        return KpiFixture.star()
                .add("fct_referral", "referral_key", "RN", "referral_date", "2016-01-05", "is_nfa", false, "team", "Team A", "area", "Area 1")
                .add("fct_assessment", "assessment_key", "AN", "child_key", "K9", "referral_key", "RN", "assessment_type", "SINGLE",
                        "start_date", "2016-01-10", "status_code", "O", "is_counted", true, "team", "Team A", "area", "Area 1");
    }

    /** Equal lists of sorted rows; on failure, the message names the first rows that differ instead of printing all. */
    private static void assertSameRows(List<Row> expected, List<Row> actual) {
        List<String> missing = expected.stream().map(Row::toString).filter(r -> !actual.stream().map(Row::toString).toList().contains(r)).limit(5).toList();
        List<String> extra = actual.stream().map(Row::toString).filter(r -> !expected.stream().map(Row::toString).toList().contains(r)).limit(5).toList();
        assertEquals(expected, actual, () -> expected.size() + " rows expected, " + actual.size() + " computed; missing " + missing + "; not expected " + extra);
    }

    private static StarFixture changed() {
        StarFixture s = base();
        // The referral without a child moves team; K9's linked assessment is unchanged but must be seen with it.
        s.remove("fct_referral", "referral_key", "RN")
                .add("fct_referral", "referral_key", "RN", "referral_date", "2016-01-05", "is_nfa", false, "team", "Team B", "area", "Area 2");
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
        base().register(spark);
        Built first = build(YearMonth.of(2016, 2), RUN1, true);
        assertTrue(first.plan().full());
        assertEquals("no earlier run to keep members from", first.plan().reason());

        changed().register(spark);
        Built night = build(YearMonth.of(2016, 3), RUN2, true);
        assertFalse(night.plan().full(), () -> night.plan().reason());
        // Changed: K1 (referral), K33 (placements), K13 and K31 (allocated to W2, whose FTE changed). Linked to the rows
        // without a child key, which are computed every night: K9 (its assessment is linked to that referral) and
        // K10, K11, K13 (the fixture's reviews carry no child key), then KCFP1, 2, 4 (the conferences of K10's, K11's and
        // K13's plans carry other child keys in the fixture).
        assertEquals(new TreeSet<>(Set.of("K1", "K13", "K31", "K33", "K9", "K10", "K11", "KCFP1", "KCFP2", "KCFP4")), night.plan().children());
        assertEquals(List.of(Date.valueOf("2016-03-31")), night.plan().newDates());
        assertEquals(RUN1, night.plan().lastRun());

        Built everything = build(YearMonth.of(2016, 3), RUN2, false);
        assertSameRows(everything.members(), night.members());
        assertSameRows(everything.values(), night.values());
        // The new referral is a member, computed tonight.
        assertTrue(night.members().stream().anyMatch(r -> r.getString(0).equals("referrals") && "R7".equals(r.getAs("member_key"))));
        assertTrue(night.members().stream().anyMatch(r -> r.getString(0).equals("referral_to_assessment_pct")
                && "RN".equals(r.getAs("member_key")) && "Team B".equals(r.getAs("team")) && ((Double) r.getAs("num")) == 1.0));

        // Nothing changed since: the cube is still the same.
        Built again = build(YearMonth.of(2016, 3), RUN3, true);
        assertFalse(again.plan().full());
        // Only the children linked to rows without a child key, computed every night.
        assertEquals(new TreeSet<>(Set.of("K9", "K10", "K11", "K13", "KCFP1", "KCFP2", "KCFP4")), again.plan().children());
        assertTrue(again.plan().newDates().isEmpty());
        assertSameRows(everything.members(), again.members());
        assertEquals(everything.values().size(), again.values().size());
        assertTrue(log.stream().anyMatch(l -> l.contains("members computed again for 7 of")), () -> String.join("\n", log));
    }

    @Test
    void rowsWithoutAChildKeyAreComputedEvenWhenNoChildChanged() throws Exception {
        Path dir = Files.createTempDirectory("member-reuse-nochild");
        Lake own = new Lake(spark, dir.resolve("lake"));
        StarFixture s = new StarFixture()
                .add("fct_referral", "referral_key", "R1", "child_key", "K1", "referral_date", "2016-02-01", "is_nfa", false, "team", "Team A", "area", "Area 1")
                .add("fct_referral", "referral_key", "RN", "referral_date", "2016-02-02", "is_nfa", true, "team", "Team A", "area", "Area 1");
        s.register(spark);
        List<Row> members = null;
        MemberReuse.Plan plan = null;
        for (String run : List.of(RUN1, RUN2)) {
            CubeBuilder builder = new CubeBuilder(spark, config, KpiCatalog.ALL, log::add);
            MemberReuse r = builder.reusing(own);
            CubeBuilder.Cube cube = builder.build(YearMonth.of(2016, 1), YearMonth.of(2016, 2), run);
            members = sorted(cube.members().where("kpi_code = 'referrals'"));
            own.overwrite(CubeBuilder.MEMBERS, cube.members());
            r.record(run);
            plan = r.lastPlan();
        }
        assertFalse(plan.full(), plan.reason());
        assertTrue(plan.children().isEmpty());
        assertEquals(List.of("R1", "RN"), members.stream().map(r -> (String) r.getAs("member_key")).toList());
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
        // Keys other than the child's that the CHILD indicators join rows on: each either joins rows of one
        // table (a referral to its own repeats) or is one of MemberReuse.LINKS, whose rows of two children are
        // computed together. A new key here must be judged and, if it joins two tables, added to LINKS.
        Set<String> keys = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\w+\\.(\\w+_key)\\s*=\\s*\\w+\\.(\\w+_key)").matcher(
                String.join("\n", KpiCatalog.ALL.stream().filter(k -> k.grain() == Kpi.Grain.CHILD).map(Kpi::membersSql).toList())
                        + String.join("\n", KpiCatalog.HELPERS.stream().map(KpiCatalog.Helper::sql).toList()));
        while (m.find()) {
            assertEquals(m.group(1), m.group(2));
            if (!m.group(1).equals("child_key") && !m.group(1).equals("worker_key")) keys.add(m.group(1));
        }
        assertEquals(Set.of("conference_key", "period_key", "plan_key", "referral_key"), keys);
        assertEquals(Set.of("conference_key", "plan_key", "referral_key"),
                new TreeSet<>(MemberReuse.LINKS.stream().map(l -> l[1]).toList()));
        assertEquals(Set.of("caseload_per_fte", "workers_over_max_pct", "agency_sw_rate_pct", "sickness_days_per_fte"),
                new TreeSet<>(KpiCatalog.ALL.stream().filter(k -> k.grain() == Kpi.Grain.WORKFORCE).map(Kpi::code).toList()));
    }
}
