package org.csc.cubes.kpi;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.cubes.publish.CubePublisher;
import org.csc.warehouse.calendar.DateDimension;
import org.csc.warehouse.calendar.WorkingCalendar;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.Spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

/**
 * One hand-made star for every indicator, built and published once per test JVM (Spark work is
 * the expensive part): the cube for April 2015 to March 2016, its values collected into a map, and
 * cubes.duckdb / restricted.duckdb written to a temp directory. The expected numbers of each
 * indicator, with the reasoning, are in the tests (KpiIndicatorsTest).
 *
 * <p>Teams: Team A (Area 1), Team B (Area 2). Workers: W1 Team A qualified 1.0 FTE max 3; W2 Team B
 * qualified agency 0.5 FTE max 1.5; W3 Team A family support worker (not qualified) 1.0 max 3; W4
 * Team A permanent until 2016-01-01, then Team B agency (type 2), 1.0 max 3; W5 qualified, left
 * 2015-12-31.
 */
final class KpiFixture {
    static final String RUN = "run-20160401T000000.000Z";
    private static KpiFixture instance;

    final WarehouseConfig config;
    final Path dir;
    final Map<String, double[]> values = new HashMap<>();
    final Map<String, String> rag = new HashMap<>();
    final CubePublisher.Result published;

    static synchronized KpiFixture get() throws Exception {
        if (instance == null) instance = new KpiFixture();
        return instance;
    }

    private KpiFixture() throws Exception {
        dir = Files.createTempDirectory("kpi-fixture");
        config = WarehouseConfig.builder().env(Map.of()).baseDir(dir).build();
        SparkSession spark = Spark.session(config);
        StarFixture star = star();
        star.register(spark);
        DateDimension.build(spark, WorkingCalendar.from(config)).createOrReplaceTempView("dim_date");
        CubeBuilder.Cube cube = new CubeBuilder(spark, config, KpiCatalog.ALL).build(YearMonth.of(2015, 4), YearMonth.of(2016, 3), RUN);
        Lake lake = new Lake(spark, dir.resolve("lake"));
        published = new CubePublisher(lake, config, KpiCatalog.ALL, s -> {}).publish(cube, RUN, dir.resolve("out"), Map.of());
        for (Row r : lake.read(CubeBuilder.VALUES).collectAsList()) {
            String key = key(r.getString(0), r.getDate(1).toString(), r.getString(2), r.getString(3), r.getString(4), r.getString(5));
            values.put(key, new double[]{r.getDouble(6), r.isNullAt(7) ? Double.NaN : r.getDouble(7),
                    r.isNullAt(8) ? Double.NaN : r.getDouble(8), r.isNullAt(r.fieldIndex("extra")) ? Double.NaN : r.getDouble(r.fieldIndex("extra"))});
            if (!r.isNullAt(r.fieldIndex("rag"))) rag.put(key, r.getString(r.fieldIndex("rag")));
        }
        star.drop(spark); // other test classes in this JVM register their own star
    }

    static String key(String kpi, String periodEnd, String periodType, String basis, String area, String team) {
        return kpi + "|" + periodEnd + "|" + periodType + "|" + basis + "|" + area + "|" + team;
    }

    /** numerator, denominator, value, extra of the authority's monthly row. */
    double[] all(String kpi, String monthEnd, String basis) {
        return at(kpi, monthEnd, "MONTH", basis, "All", "All");
    }

    double[] at(String kpi, String periodEnd, String periodType, String basis, String area, String team) {
        double[] v = values.get(key(kpi, periodEnd, periodType, basis, area, team));
        if (v == null) throw new AssertionError("no kpi_values row " + key(kpi, periodEnd, periodType, basis, area, team));
        return v;
    }

    static StarFixture star() {
        StarFixture s = new StarFixture();
        String a = "Team A", aa = "Area 1", b = "Team B", ba = "Area 2";
        s.add("dim_team", "team", a, "area", aa).add("dim_team", "team", b, "area", ba);
        // ---- workers
        s.add("dim_worker", "worker_key", "W1", "valid_from", "2010-01-01", "team", a, "area", aa, "job_title_code", "SW",
                "is_social_worker", true, "is_qualified", true, "fte", 1.0, "is_agency", false, "max_caseload", 3.0, "start_date", "2010-01-01");
        s.add("dim_worker", "worker_key", "W2", "valid_from", "2010-01-01", "team", b, "area", ba, "job_title_code", "SW",
                "is_social_worker", true, "is_qualified", true, "fte", 0.5, "is_agency", true, "max_caseload", 1.5, "start_date", "2010-01-01");
        s.add("dim_worker", "worker_key", "W3", "valid_from", "2010-01-01", "team", a, "area", aa, "job_title_code", "FSW",
                "is_social_worker", false, "is_qualified", false, "fte", 1.0, "is_agency", false, "max_caseload", 3.0, "start_date", "2010-01-01");
        s.add("dim_worker", "worker_key", "W4", "valid_from", "2010-01-01", "valid_to", "2016-01-01", "team", a, "area", aa,
                "job_title_code", "SW", "is_social_worker", true, "is_qualified", true, "fte", 1.0, "is_agency", false, "max_caseload", 3.0,
                "start_date", "2010-01-01");
        s.add("dim_worker", "worker_key", "W4", "valid_from", "2016-01-01", "team", b, "area", ba,
                "job_title_code", "SW", "is_social_worker", true, "is_qualified", true, "fte", 1.0, "is_agency", true, "max_caseload", 3.0,
                "start_date", "2010-01-01");
        s.add("dim_worker", "worker_key", "W5", "valid_from", "2010-01-01", "team", a, "area", aa, "job_title_code", "SW",
                "is_social_worker", true, "is_qualified", true, "fte", 1.0, "is_agency", false, "max_caseload", 3.0,
                "start_date", "2010-01-01", "end_date", "2015-12-31");
        // ---- allocations (CW counts to caseload; KA does not)
        String[][] alloc = {
                {"AL1", "K10", "W1", "2015-01-01", null, "CW"}, {"AL2", "K11", "W3", "2014-03-01", null, "CW"},
                {"AL3", "K12", "W1", "2015-12-10", null, "CW"}, {"AL4", "K13", "W2", "2014-03-01", null, "16PLUS"},
                {"AL5", "K15", "W4", "2016-02-15", null, "CW"}, {"AL6", "K16", "W1", "2016-02-20", null, "KA"},
                {"AL7", "K30", "W1", "2013-01-01", null, "CW"}, {"AL8", "K31", "W2", "2015-03-01", null, "CW"},
                {"AL9", "K33", "W3", "2014-11-01", null, "CW"}, {"AL10", "K35", "W4", "2013-07-01", null, "CW"},
                {"AL11", "K37", "W1", "2016-01-04", null, "CW"}, {"AL12", "K19", "W4", "2015-10-01", "2016-02-29", "CW"}};
        for (String[] x : alloc) {
            s.add("fct_allocation", "allocation_key", x[0], "child_key", x[1], "worker_key", x[2], "start_date", x[3], "end_date", x[4],
                    "role_code", x[5], "counts_to_caseload", !x[5].equals("KA"), "team", a, "area", aa);
        }
        // ---- front door
        s.add("fct_contact", "contact_key", "C1", "child_key", "K1", "contact_date", "2016-02-01", "team", a, "area", aa, "is_new_referral", true);
        s.add("fct_contact", "contact_key", "C2", "child_key", "K2", "contact_date", "2016-02-29", "team", a, "area", aa, "is_new_referral", false);
        s.add("fct_contact", "contact_key", "C3", "child_key", "K3", "contact_date", "2016-02-29", "team", b, "area", ba, "is_new_referral", true);
        String[][] refs = {{"R1", "K1", "2015-02-28", "false"}, {"R2", "K1", "2016-02-29", "false"}, {"R3", "K2", "2015-02-27", "false"},
                {"R4", "K2", "2016-02-29", "false"}, {"R5", "K3", "2016-01-15", "false"}, {"R6", "K3", "2016-02-15", "true"}};
        for (String[] r : refs) {
            s.add("fct_referral", "referral_key", r[0], "child_key", r[1], "referral_date", r[2], "is_nfa", Boolean.parseBoolean(r[3]),
                    "team", a, "area", aa);
        }
        // assessments: A1 linked to R2; A2 unlinked 30 days after R4; A3 31 days after R6; A4 cancelled, linked to R6
        s.add("fct_assessment", "assessment_key", "A1", "child_key", "K1", "referral_key", "R2", "assessment_type", "SINGLE",
                "start_date", "2016-03-01", "status_code", "O", "is_counted", true, "team", a, "area", aa);
        s.add("fct_assessment", "assessment_key", "A2", "child_key", "K2", "assessment_type", "SINGLE",
                "start_date", "2016-03-30", "status_code", "O", "is_counted", true, "team", a, "area", aa);
        s.add("fct_assessment", "assessment_key", "A3", "child_key", "K3", "assessment_type", "SINGLE",
                "start_date", "2016-03-17", "status_code", "O", "is_counted", true, "team", a, "area", aa);
        s.add("fct_assessment", "assessment_key", "A4", "child_key", "K3", "referral_key", "R6", "assessment_type", "SINGLE",
                "start_date", "2016-02-16", "status_code", "X", "is_counted", false, "team", a, "area", aa);
        // timeliness: A5 45 WD over Christmas (bank holidays 25, 28 Dec, 1 Jan and closure 29 Dec), A6 46 WD, A7 an
        // initial assessment (not counted), A8 a core assessment authorised the day it started, A9 a draft
        s.add("fct_assessment", "assessment_key", "A5", "child_key", "K4", "assessment_type", "SINGLE", "start_date", "2015-12-01",
                "authorised_date", "2016-02-08", "status_code", "C", "is_counted", true, "team", a, "area", aa);
        s.add("fct_assessment", "assessment_key", "A6", "child_key", "K5", "assessment_type", "SINGLE", "start_date", "2015-12-01",
                "authorised_date", "2016-02-09", "status_code", "C", "is_counted", true, "team", b, "area", ba);
        s.add("fct_assessment", "assessment_key", "A7", "child_key", "K6", "assessment_type", "INITIAL", "start_date", "2016-02-01",
                "authorised_date", "2016-02-10", "status_code", "C", "is_counted", true, "team", a, "area", aa);
        s.add("fct_assessment", "assessment_key", "A8", "child_key", "K7", "assessment_type", "CORE", "start_date", "2016-02-01",
                "authorised_date", "2016-02-01", "status_code", "C", "is_counted", true, "team", a, "area", aa);
        s.add("fct_assessment", "assessment_key", "A9", "child_key", "K8", "assessment_type", "SINGLE", "start_date", "2016-02-01",
                "authorised_date", "2016-02-15", "status_code", "D", "is_counted", false, "team", a, "area", aa);
        s.add("fct_s47", "s47_key", "S1", "child_key", "K10", "start_date", "2015-06-10", "team", a, "area", aa);
        s.add("fct_s47", "s47_key", "S2", "child_key", "K11", "start_date", "2016-02-03", "team", a, "area", aa);
        // conferences
        String[][] conf = {{"CF0", "ICPC", "2015-12-14", "2016-01-06"}, {"CF1", "ICPC", "2016-01-20", "2016-02-10"},
                {"CF2", "ICPC", "2016-01-20", "2016-02-11"}, {"CF3", "TRANSFER_IN", "2016-01-20", "2016-02-12"},
                {"CF4", "ICPC", "2016-02-16", "2016-02-15"}, {"CF5", "ICPC", "2016-02-17", "2016-02-17"},
                {"CFP1", "ICPC", "2013-11-20", "2013-11-28"}, {"CFP2", "ICPC", "2014-02-20", "2014-02-28"},
                {"CFP4", "ICPC", "2014-02-25", "2014-03-01"}, {"CFP5", "ICPC", "2015-08-25", "2015-09-01"}};
        for (String[] c : conf) {
            s.add("fct_conference", "conference_key", c[0], "child_key", "K" + c[0], "conference_type", c[1], "strategy_date", c[2],
                    "conference_date", c[3], "team", a, "area", aa);
        }
        // ---- child protection plans
        String[][] plans = {{"P1", "K10", "2013-12-01", null, "CFP1"}, {"P13", "K10", "2015-01-01", null, null},
                {"P2", "K11", "2014-02-28", null, "CFP2"}, {"P3", "K12", "2015-12-10", null, null}, {"P4", "K13", "2014-03-01", null, "CFP4"},
                {"P5", "K14", "2015-09-01", null, "CFP5"}, {"P6", "K15", "2012-05-01", "2014-03-10", null}, {"P7", "K15", "2016-02-15", null, null},
                {"P8", "K16", "2011-01-01", "2013-01-31", null}, {"P9", "K16", "2016-02-20", null, null},
                {"P10", "K17", "2013-06-01", "2015-06-01", null}, {"P11", "K18", "2014-01-01", "2015-09-30", null},
                {"P12", "K19", "2015-10-01", "2016-02-29", null}};
        for (String[] p : plans) {
            s.add("fct_cp_plan", "plan_key", p[0], "child_key", p[1], "start_date", p[2], "end_date", p[3], "conference_key", p[4],
                    "team", a, "area", aa);
        }
        String[][] reviews = {{"P1", "2014-02-20"}, {"P1", "2014-08-15"}, {"P1", "2015-02-10"}, {"P1", "2015-08-01"}, {"P1", "2016-01-25"},
                {"P2", "2014-06-01"}, {"P2", "2014-11-20"}, {"P4", "2014-05-30"}, {"P4", "2014-11-20"}, {"P4", "2015-05-15"}, {"P4", "2015-11-10"}};
        int n = 0;
        for (String[] r : reviews) s.add("fct_cp_review", "review_key", "RV" + (++n), "plan_key", r[0], "review_date", r[1]);
        // CP visits (kind, statutory, seen)
        Object[][] visits = {{"K10", "2016-02-16", "STVC", true, "CP", true}, {"K11", "2016-02-15", "STVC", true, "CP", true},
                {"K12", "2016-02-29", "STVC", true, "CP", true}, {"K13", "2016-02-25", "STVC", true, "CP", false},
                {"K14", "2016-02-26", "STAT", true, "ANY", true}, {"K15", "2016-02-22", "TEL", false, null, true},
                // looked-after visits
                {"K30", "2016-01-10", "STVL", true, "LAC", true}, {"K31", "2016-01-15", "STVL", true, "LAC", true},
                {"K33", "2015-12-05", "STVL", true, "LAC", true}, {"K33", "2016-01-20", "STVL", true, "LAC", true},
                {"K35", "2015-09-05", "STVL", true, "LAC", true}, {"K35", "2015-10-10", "STVL", true, "LAC", true},
                {"K35", "2015-11-20", "STVL", true, "LAC", true}, {"K35", "2016-01-02", "STVL", true, "LAC", true},
                {"K36", "2016-02-20", "STVL", true, "LAC", true}, {"K37", "2016-01-08", "STVL", true, "LAC", true},
                {"K37", "2016-02-15", "STVL", true, "LAC", true}, {"K38", "2015-12-18", "STVL", true, "LAC", true},
                {"K38", "2016-01-25", "STVL", true, "LAC", true}, {"K41", "2016-02-01", "STVL", true, "LAC", true}};
        n = 0;
        for (Object[] v : visits) {
            s.add("fct_visit", "visit_key", "V" + (++n), "child_key", v[0], "visit_date", v[1], "note_type_code", v[2],
                    "is_statutory", v[3], "visit_kind", v[4], "child_seen", v[5]);
        }
        // ---- looked after: periods, legal statuses, placements (key, child, start, end, type, miles)
        String[][] periods = {{"PC1", "K30", "2013-01-01", null, "C2"}, {"PC2", "K31", "2015-03-01", null, "C2"},
                {"PC3", "K32", "2015-06-01", null, "V3"}, {"PC4", "K33", "2014-11-01", null, "C2"}, {"PC5", "K34", "2013-06-01", "2016-02-29", "C2"},
                {"PC6", "K35", "2013-07-01", null, "C2"}, {"PC7", "K36", "2012-01-01", null, "C2"}, {"PC8", "K37", "2016-01-04", null, "C2"},
                {"PC9", "K38", "2015-12-14", null, "C2"}, {"PC10", "K39", "2016-02-15", null, "C2"}, {"PC11", "K41", "2013-05-01", null, "C2"}};
        for (String[] p : periods) {
            s.add("fct_period_of_care", "period_key", p[0], "child_key", p[1], "start_date", p[2], "end_date", p[3], "team", a, "area", aa);
            s.add("fct_legal_status", "legal_status_key", "L" + p[0], "child_key", p[1], "start_date", p[2], "end_date", p[3], "legal_status_code", p[4]);
        }
        Object[][] placements = {{"X1", "K30", "2013-01-01", "2013-08-01", "U4", 25.0}, {"X2", "K30", "2013-08-01", null, "U4", 25.0},
                {"X3", "K31", "2015-03-01", "2015-05-01", "U6", 3.0}, {"X4", "K31", "2015-05-01", "2015-10-01", "U6", 4.0},
                {"X5", "K31", "2015-10-01", null, "U6", null}, {"XS", "K32", "2015-06-01", null, "U6", 1.0},
                {"X6", "K33", "2014-11-01", "2015-04-01", "U6", 5.0}, {"X7", "K33", "2015-04-01", "2015-12-01", "U6", 5.0},
                {"X8", "K33", "2015-12-01", null, "U6", 5.0}, {"XP", "K34", "2013-06-01", "2016-02-29", "U6", 5.0},
                {"X9", "K35", "2013-07-01", "2015-09-01", "U4", 15.0}, {"X10", "K35", "2015-09-01", null, "A5", 15.0},
                {"X11", "K36", "2012-01-01", null, "U6", 30.0}, {"X12", "K37", "2016-01-04", null, "U6", 2.0},
                {"X13", "K38", "2015-12-14", null, "U6", null}, {"X14", "K39", "2016-02-15", null, "U6", 50.0},
                {"X15", "K41", "2013-05-01", "2015-01-01", "U6", 21.0}, {"X16", "K41", "2015-01-01", null, "U4", 21.0}};
        for (Object[] x : placements) {
            s.add("fct_placement", "placement_key", x[0], "child_key", x[1], "start_date", x[2], "end_date", x[3],
                    "placement_type_code", x[4], "distance_miles", x[5]);
        }
        // K31's episodes: a legal-status-only change (L) continues the same placement: 4 episodes, 3 placements
        String[][] episodes = {{"E1", "2015-03-01", "2015-04-01", "S"}, {"E2", "2015-04-01", "2015-05-01", "L"},
                {"E3", "2015-05-01", "2015-10-01", "P"}, {"E4", "2015-10-01", null, "P"}};
        for (String[] e : episodes) {
            s.add("fct_episode", "episode_key", e[0], "child_key", "K31", "period_key", "PC2", "start_date", e[1], "end_date", e[2],
                    "start_reason_code", e[3], "legal_status_code", "C2");
        }
        String[][] dobs = {{"K30", "2005-05-05"}, {"K31", "2010-01-01"}, {"K33", "2008-01-01"}, {"K35", "2012-01-01"},
                {"K36", "1999-06-01"}, {"K37", "2009-01-01"}, {"K38", "2009-01-01"}, {"K39", "2009-01-01"}, {"K41", "2008-01-01"},
                {"L1", "1996-02-29"}, {"L2", "1997-03-01"}, {"L3", "1994-03-01"}, {"L4", "1995-06-01"}, {"L5", "1995-06-01"}, {"L6", "1994-02-28"}};
        for (String[] d : dobs) s.add("dim_child", "child_key", d[0], "date_of_birth", d[1]);
        // health checks (child, type, date, status, system)
        String[][] checks = {{"K30", "RHA", "2015-06-01", "COMPLETED", "liquidlogic"}, {"K33", "RHA", "2015-02-27", "COMPLETED", "carefirst"},
                {"K33", "DENTAL", "2015-03-01", "COMPLETED", "manual"}, {"K35", "RHA", "2015-12-01", "COMPLETED", "liquidlogic"},
                {"K35", "DENTAL", "2016-01-05", "COMPLETED", "liquidlogic"}, {"K36", "RHA", "2016-01-15", "COMPLETED", "liquidlogic"},
                {"K41", "RHA", "2015-03-01", "COMPLETED", "carefirst"}, {"K41", "DENTAL", "2015-02-28", "COMPLETED", "manual"},
                {"K36", "DENTAL", "2016-01-20", "REFUSED", "liquidlogic"},
                {"K37", "IHA", "2016-02-01", "COMPLETED", "liquidlogic"}, {"K38", "IHA", "2016-01-13", "COMPLETED", "liquidlogic"}};
        n = 0;
        for (String[] c : checks) {
            s.add("fct_health_check", "check_key", "H" + (++n), "child_key", c[0], "check_type", c[1], "check_date", c[2],
                    "status_code", c[3], "source_system", c[4]);
        }
        // ---- care leavers
        String[][] leavers = {{"L1", "FORMER_RELEVANT"}, {"L2", "FORMER_RELEVANT"}, {"L3", "FORMER_RELEVANT"}, {"L4", "FORMER_RELEVANT"},
                {"L5", "RELEVANT"}, {"L6", "FORMER_RELEVANT"}};
        for (String[] l : leavers) s.add("fct_care_leaver_status", "child_key", l[0], "eligibility_code", l[1]);
        Object[][] kit = {{"L1", "2015-10-01", true, false}, {"L1", "2016-01-10", false, true},
                {"L3", "2015-05-01", false, false}, {"L3", "2016-02-29", true, false}, {"L6", "2016-01-01", true, false}};
        n = 0;
        for (Object[] k : kit) {
            s.add("fct_care_leaver_contact", "contact_key", "KIT" + (++n), "child_key", k[0], "contact_date", k[1],
                    "accommodation_suitable", k[2], "is_neet", k[3], "in_touch_code", "YES");
        }
        // ---- early help, sickness, weekly caseloads
        s.add("fct_caf", "caf_key", "F1", "child_key", "K50", "start_date", "2016-02-03", "team", a, "area", aa);
        s.add("fct_caf", "caf_key", "F2", "child_key", "K51", "start_date", "2016-02-29", "team", b, "area", ba);
        s.add("fct_caf", "caf_key", "F3", "child_key", "K52", "start_date", "2015-05-01", "team", a, "area", aa);
        s.add("fct_sickness", "month_end", "2016-01-31", "service", "Children's Social Care", "fte", 100.0, "days_lost", 50.0);
        s.add("fct_sickness", "month_end", "2016-02-29", "service", "Children's Social Care", "fte", 110.0, "days_lost", 66.0);
        s.add("fct_sickness", "month_end", "2016-02-29", "service", "Life Stages 0-25", "fte", 20.0, "days_lost", 40.0);
        Object[][] weeks = {{"W1", a, aa, 1.0, 4, 3.0}, {"W2", b, ba, 0.5, 2, 1.5}, {"W3", a, aa, 1.0, 2, 3.0}, {"W4", b, ba, 1.0, 2, 3.0},
                {"W6", b, ba, 1.0, 0, 3.0}};
        for (Object[] w : weeks) {
            s.add("fct_worker_week", "week_end", "2016-02-28", "worker_key", w[0], "team", w[1], "area", w[2], "fte", w[3],
                    "caseload", w[4], "max_caseload", w[5], "over_max", ((Integer) w[4]) > (Double) w[5], "is_qualified", true, "is_agency", false);
        }
        return s;
    }
}
