package org.csc.etl.conform;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.etl.landing.LandingScan;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.carefirst.CareFirstSource;
import org.csc.etl.source.liquidlogic.LiquidLogicSource;
import org.csc.etl.stage.StagingJob;
import org.csc.etl.testing.DropBuilder;
import org.csc.etl.testing.Journeys;
import org.csc.etl.testing.MemoryStaging;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.Spark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.csc.etl.testing.Journeys.r;

/**
 * The same journey (etl testing Journeys) through Care First files and through Liquid Logic
 * files conforms to the same facts; both systems together after go-live count each event once,
 * even when Liquid Logic later deletes a migrated event. Expected values worked out by hand from
 * the journey. Staged in memory and queried as conform's views: no Delta writes.
 */
class ConformJourneysTest {
    static final List<SourceSystem> SYSTEMS = List.of(new CareFirstSource(), new LiquidLogicSource());
    static final LocalDate EXTRACT = LocalDate.of(2016, 3, 31);

    @TempDir static Path tmp;
    static Map<String, List<String>> out;
    static List<String> log = new ArrayList<>();

    /** What is compared: each fact's business columns (keys, which differ by system, left out). */
    static final Map<String, String> COMPARED = new LinkedHashMap<>();

    static {
        COMPARED.put("fct_contact", "contact_date, source_code, outcome_code, is_new_referral, team, area, worker_key IS NOT NULL");
        COMPARED.put("fct_referral", "referral_date, close_date, source_code, need_code, is_nfa, close_reason_code, team, area, contact_key IS NOT NULL");
        COMPARED.put("fct_assessment", "assessment_type, start_date, authorised_date, status_code, child_seen, is_counted, team, referral_key IS NOT NULL");
        COMPARED.put("fct_strategy_discussion", "discussion_date, team, area");
        COMPARED.put("fct_s47", "strategy_date, start_date, end_date, outcome_code, team, discussion_key IS NOT NULL");
        COMPARED.put("fct_conference", "conference_type, due_date, conference_date, strategy_date, results_in_plan, team, area, s47_key IS NOT NULL");
        COMPARED.put("fct_cp_plan", "start_date, end_date, initial_category, latest_category, is_ola, team, conference_key IS NOT NULL");
        COMPARED.put("fct_cp_review", "due_date, review_date, team, plan_key IS NOT NULL");
        COMPARED.put("fct_visit", "visit_date, note_type_code, is_statutory, visit_kind, child_seen, seen_alone, team");
        COMPARED.put("fct_period_of_care", "start_date, end_date, team");
        COMPARED.put("fct_episode", "start_date, end_date, start_reason_code, end_reason_code, legal_status_code, placement_type_code, "
                + "placement_provider_code, distance_miles, need_code, period_key IS NOT NULL");
        COMPARED.put("fct_placement", "start_date, end_date, placement_type_code, provider_code, distance_miles, team");
        COMPARED.put("fct_legal_status", "start_date, end_date, legal_status_code");
        COMPARED.put("fct_health_check", "check_type, due_date, check_date, status_code, team");
        COMPARED.put("fct_allocation", "start_date, end_date, role_code, counts_to_caseload, team, area");
        COMPARED.put("fct_caf", "start_date, end_date, lead_agency_code, area");
        COMPARED.put("fct_care_leaver_contact", "contact_date, in_touch_code, accommodation_code, accommodation_suitable, activity_code, is_neet, team");
        COMPARED.put("fct_child_month", "month_end, is_cin, is_cp, is_cla, legal_status_code, team, allocated_worker_key IS NOT NULL");
        COMPARED.put("dim_worker", "valid_from, valid_to, team, area, job_title_code, is_social_worker, is_qualified, fte, is_agency, max_caseload");
        COMPARED.put("dim_child", "date_of_birth, gender_code, ethnicity_code");
    }

    /**
     * One landing, three children: A's journey only in Care First (client 1001, worker 11), B's same
     * journey only in Liquid Logic (person 9001, worker 511), C's journey in both (Care First client
     * 1101 migrated as person 9101 with LEGACY_ID; worker 12 as 512), plus a merged Care First
     * duplicate of C, a Care First contact Liquid Logic never held, and a DELTA deleting C's
     * migrated contact.
     */
    @BeforeAll
    static void conformOneLanding() throws Exception {
        Path landing = tmp.resolve("landing");
        DropBuilder cf = new DropBuilder(landing, "carefirst", EXTRACT, "FULL");
        Journeys.careFirst(cf, 1001, 11, 0, "Amy", "Smith", "01/05/2010");
        Journeys.careFirst(cf, 1101, 12, 100, "Cal", "Brown", "02/01/2009");
        cf.row("CLIENTS", r("CLIENT_NO", 1102, "SURNAME", "Browne", "FORENAMES", "Cal", "DATE_OF_BIRTH", "02/01/2009", "GENDER", "Female",
                        "ETHNICITY", "Not Given", "MERGED_INTO", 1101))
                .row("CONTACTS", r("CONTACT_NO", 5102, "CLIENT_NO", 1101, "CONTACT_DATE", "01/05/2015", "SOURCE", "Carrier pigeon",
                        "OUTCOME", "Advice and Information", "TEAM", "Mystery Team", "WORKER_ID", 12))
                .row("CASE_NOTES", r("NOTE_NO", 9399, "CLIENT_NO", 1102, "NOTE_DATE", "01/08/2015", "NOTE_TYPE", "Home Visit",
                        "CHILD_SEEN", "Y", "SEEN_ALONE", "N", "WORKER_ID", 12))
                // A second assessment of C's migrated referral that only Care First holds.
                .row("ASSESSMENTS", r("ASSESSMENT_NO", 7199, "CLIENT_NO", 1101, "REFERRAL_NO", 6101, "ASSESSMENT_TYPE", "Single Assessment",
                        "START_DATE", "01/09/2015", "STATUS", "Authorised", "TEAM", "AREA1", "WORKER_ID", 12, "ENTERED_ON", "01/09/2015 09:00"))
                // D (client 1201, migrated as person 9201): a referral only Care First holds, from a contact Liquid Logic holds too.
                .row("CLIENTS", r("CLIENT_NO", 1201, "SURNAME", "Dane", "FORENAMES", "Dot", "DATE_OF_BIRTH", "03/03/2012", "DOB_ESTIMATED", "N",
                        "GENDER", "Female", "ETHNICITY", "White British", "ENTERED_ON", "01/02/2016 10:00"))
                .row("CONTACTS", r("CONTACT_NO", 5201, "CLIENT_NO", 1201, "CONTACT_DATE", "01/02/2016", "SOURCE", "Police",
                        "OUTCOME", "Referral to Social Care", "TEAM", "AREA1", "WORKER_ID", 12, "ENTERED_ON", "01/02/2016 10:00"))
                .row("REFERRALS", r("REFERRAL_NO", 6201, "CLIENT_NO", 1201, "CONTACT_NO", 5201, "REFERRAL_DATE", "03/02/2016", "SOURCE", "Police",
                        "PRIMARY_NEED", "Abuse or neglect", "NFA", "N", "TEAM", "Locality 1", "WORKER_ID", 12, "ENTERED_ON", "03/02/2016 11:00"))
                // D's care: Liquid Logic holds the period and its first placement; Care First alone holds a change of legal
                // status (same placement) and then a change of placement, so both point at a period and a placement the star left out.
                .row("LAC_EPISODES", r("EPISODE_NO", 6301, "CLIENT_NO", 1201, "START_DATE", "01/03/2016", "END_DATE", "10/03/2016",
                        "START_REASON", "Started to be looked after", "LEGAL_STATUS", "Section 20", "PLACEMENT_TYPE", "FOST-LA",
                        "PLACEMENT_PROVIDER", "Own LA", "PLACEMENT_POSTCODE", "ZZ99 1AA", "DISTANCE_MILES", "5", "END_REASON", "Change of legal status",
                        "CATEGORY_OF_NEED", "Abuse or neglect", "ENTERED_ON", "01/03/2016 12:00"))
                .row("LAC_EPISODES", r("EPISODE_NO", 6302, "CLIENT_NO", 1201, "START_DATE", "10/03/2016", "END_DATE", "20/03/2016",
                        "START_REASON", "Change of legal status", "LEGAL_STATUS", "Interim Care Order", "PLACEMENT_TYPE", "FOST-LA",
                        "PLACEMENT_PROVIDER", "Own LA", "PLACEMENT_POSTCODE", "ZZ99 1AA", "DISTANCE_MILES", "5", "END_REASON", "Change of placement",
                        "CATEGORY_OF_NEED", "Abuse or neglect", "ENTERED_ON", "10/03/2016 12:00"))
                .row("LAC_EPISODES", r("EPISODE_NO", 6303, "CLIENT_NO", 1201, "START_DATE", "20/03/2016",
                        "START_REASON", "Change of placement", "LEGAL_STATUS", "Interim Care Order", "PLACEMENT_TYPE", "RES-LA",
                        "PLACEMENT_PROVIDER", "Own LA", "PLACEMENT_POSTCODE", "ZZ99 2BB", "DISTANCE_MILES", "7",
                        "CATEGORY_OF_NEED", "Abuse or neglect", "ENTERED_ON", "20/03/2016 12:00"))
                .write();
        DropBuilder ll = Journeys.departments(new DropBuilder(landing, "liquidlogic", LocalDate.of(2016, 4, 1), "FULL"));
        Journeys.liquidLogic(ll, 9001, 511, null, null, 0, "Bea", "Jones", "2011-03-04");
        Journeys.liquidLogic(ll, 9101, 512, 1101, 12, 100, "Cal", "Brown", "2009-01-02");
        ll.row("DIM_PERSON", r("DIM_PERSON_ID", 9201, "LEGACY_ID", "1201", "FORENAME", "Dot", "SURNAME", "Dane",
                        "BIRTH_DTTM", "2012-03-03 00:00:00.000", "DOB_ESTIMATED", "N", "GENDER_MAIN_CODE", "F", "ETHNICITY_MAIN_CODE", "WBRI", "IS_CLIENT", "Y"))
                .row("FACT_CONTACTS", r("FACT_CONTACT_ID", 70201, "DIM_PERSON_ID", 9201, "CONTACT_DTTM", "2016-02-01 10:00:00.000", "DIM_LOOKUP_CONT_SORC_ID", "6",
                        "OUTCOME_NEW_REFERRAL_FLAG", "Y", "OUTCOME_EXISTING_REFERRAL_FLAG", "N", "OUTCOME_CP_ENQUIRY_FLAG", "N", "OUTCOME_NFA_FLAG", "N",
                        "OUTCOME_ADVICE_FLAG", "N", "OUTCOME_EARLY_HELP_FLAG", "0", "DIM_DEPARTMENT_ID", 1, "DIM_WORKER_ID", 512,
                        "CREATED_DTTM", "2016-02-01 10:00:00.000"))
                .row("FACT_CLA", r("FACT_CLA_ID", 70301, "DIM_PERSON_ID", 9201, "START_DTTM", "2016-03-01 00:00:00.000", "HOME_POSTCODE", "ZZ99 9ZZ"))
                .row("FACT_CLA_PLACEMENT", r("FACT_CLA_PLACEMENT_ID", 70311, "FACT_CLA_ID", 70301, "DIM_PERSON_ID", 9201, "START_DTTM", "2016-03-01 00:00:00.000",
                        "END_DTTM", "2016-03-20 00:00:00.000", "DIM_LOOKUP_PLACEMENT_TYPE_CODE", "U4", "DIM_LOOKUP_PLACEMENT_PROVIDER_CODE", "PR1",
                        "POSTCODE", "ZZ99 1AA", "DISTANCE_FROM_HOME", "5"))
                .row("FACT_CARE_EPISODES", r("FACT_CARE_EPISODES_ID", 70321, "FACT_CLA_ID", 70301, "DIM_PERSON_ID", 9201, "FACT_CLA_PLACEMENT_ID", 70311,
                        "CARE_START_DATE", "2016-03-01", "CARE_END_DATE", "2016-03-10", "CARE_REASON_DESC", "Started to be looked after",
                        "CARE_REASON_END_DESC", "Episode ceases and new episode begins on same day", "CIN_903_CODE", "N1"));
        ll.write();
        new DropBuilder(landing, "liquidlogic", LocalDate.of(2016, 4, 2), "DELTA")
                .delete("FACT_CONTACTS", "70101", "2016-04-02 08:00:00.000").write();
        Path manual = Files.createDirectories(landing.resolve("manual"));
        Files.writeString(manual.resolve("icpc_tracker.csv"), "CHILD_REF,STRATEGY_DATE,ICPC_DATE,WITHIN_15_DAYS,COMMENTS\n"
                + "1101,03/06/2015,24/06/2015,Y,\"chair availability, date moved\"\nLL9101,03/06/2015,24/06/2015,y,\n"
                + "XYZ,03/06/2015,24/06/2015,Y,bad ref\n1101,03/06/2015,31/06/2015,N,bad date\n");
        Files.writeString(manual.resolve("dental_checks.csv"), "\uFEFFCHILD_REF,CHECK_DATE,RECORDED_BY\nLL9101,05/11/2015,Nurse A\n");
        Path hr = Files.createDirectories(landing.resolve("hr"));
        Files.writeString(hr.resolve("sickness.csv"), "MONTH,SERVICE,FTE,DAYS_LOST\n2015-12,Children's Social Care,120.5,60\n"
                + "2015-12,Life Stages 0-25,40,30\n2015-13,Authority,1000,6680\n");

        WarehouseConfig config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build();
        SparkSession spark = Spark.session(config);
        Lake lake = new Lake(spark, config);
        new ConformJob(lake, config, log::add).plan(SYSTEMS, MemoryStaging.stage(spark, landing, SYSTEMS));
        spark.sql("""
                SELECT child_key, CASE WHEN system = 'carefirst' AND source_id = 1001 THEN 'A'
                                       WHEN system = 'liquidlogic' AND source_id = 9001 THEN 'B' ELSE 'C' END AS who
                FROM map_child WHERE (system = 'carefirst' AND source_id IN (1001, 1101)) OR (system = 'liquidlogic' AND source_id = 9001)
                """).createOrReplaceTempView("test_who");
        spark.sql("""
                SELECT worker_key, CASE WHEN system = 'carefirst' AND source_id = 11 THEN 'A'
                                        WHEN system = 'liquidlogic' AND source_id = 511 THEN 'B' ELSE 'C' END AS who
                FROM map_worker WHERE (system = 'carefirst' AND source_id IN (11, 12)) OR (system = 'liquidlogic' AND source_id = 511)
                """).createOrReplaceTempView("test_worker_who");
        List<String> parts = new ArrayList<>();
        COMPARED.forEach((table, cols) -> parts.add("SELECT concat(w.who, ':', '" + table + "') AS t, " + row(cols) + " AS v FROM " + table
                + (table.equals("dim_worker") ? " x JOIN test_worker_who w USING (worker_key)" : " x JOIN test_who w USING (child_key)")));
        Map<String, String> special = strings(
                "map_child", "map_child",
                "map_worker_same", "map_worker WHERE source_id IN (12, 512)",
                "dq_unmapped_values", "dq_unmapped_values",
                "fct_contact_c", "fct_contact JOIN test_who w USING (child_key) WHERE w.who = 'C'",
                "fct_visit_c", "fct_visit JOIN test_who w USING (child_key) WHERE w.who = 'C'",
                "assessment_links_c", "fct_assessment a JOIN test_who w USING (child_key) LEFT JOIN fct_referral f ON f.referral_key = a.referral_key "
                        + "WHERE w.who = 'C'",
                "referral_contact_d", "fct_referral f JOIN map_child m ON m.child_key = f.child_key AND m.system = 'carefirst' AND m.source_id = 1201 "
                        + "LEFT JOIN fct_contact c ON c.contact_key = f.contact_key",
                "cf_links_left_out", "(SELECT 'fct_referral' AS t, contact_key AS k FROM fct_referral WHERE source_system = 'carefirst' "
                        + "AND contact_key NOT IN (SELECT contact_key FROM fct_contact) "
                        + "UNION ALL SELECT 'fct_s47', discussion_key FROM fct_s47 WHERE source_system = 'carefirst' AND discussion_key NOT IN (SELECT discussion_key FROM fct_strategy_discussion) "
                        + "UNION ALL SELECT 'fct_conference', s47_key FROM fct_conference WHERE source_system = 'carefirst' AND s47_key NOT IN (SELECT s47_key FROM fct_s47) "
                        + "UNION ALL SELECT 'fct_cp_plan', conference_key FROM fct_cp_plan WHERE source_system = 'carefirst' AND conference_key NOT IN (SELECT conference_key FROM fct_conference) "
                        + "UNION ALL SELECT 'fct_cp_review', plan_key FROM fct_cp_review WHERE source_system = 'carefirst' AND plan_key NOT IN (SELECT plan_key FROM fct_cp_plan) "
                        + "UNION ALL SELECT 'fct_assessment', referral_key FROM fct_assessment WHERE source_system = 'carefirst' AND referral_key NOT IN (SELECT referral_key FROM fct_referral) "
                        + "UNION ALL SELECT 'fct_episode', period_key FROM fct_episode WHERE source_system = 'carefirst' AND period_key NOT IN (SELECT period_key FROM fct_period_of_care) "
                        + "UNION ALL SELECT 'fct_episode', placement_key FROM fct_episode WHERE source_system = 'carefirst' AND placement_key NOT IN (SELECT placement_key FROM fct_placement) "
                        + "UNION ALL SELECT 'fct_placement', period_key FROM fct_placement WHERE source_system = 'carefirst' AND period_key NOT IN (SELECT period_key FROM fct_period_of_care))",
                "care_links_d", "(SELECT 'episode' AS t, child_key, source_system, source_key, start_date, period_key, placement_key FROM fct_episode "
                        + "UNION ALL SELECT 'placement', child_key, source_system, source_key, start_date, period_key, placement_key FROM fct_placement "
                        + "UNION ALL SELECT 'period', child_key, source_system, source_key, start_date, period_key, NULL FROM fct_period_of_care) x "
                        + "JOIN map_child m ON m.child_key = x.child_key AND m.system = 'carefirst' AND m.source_id = 1201",
                "deleted_staged", "all_liquidlogic__fact_contacts WHERE _deleted_at IS NOT NULL",
                "fct_icpc_log", "fct_icpc_log", "fct_sickness", "fct_sickness",
                "manual_dental", "fct_health_check WHERE source_system = 'manual'",
                "manual_quarantine", "etl_manual_quarantine",
                "status", "fct_care_leaver_status JOIN test_who w USING (child_key)",
                "worker_week_a", "fct_worker_week x JOIN test_worker_who w USING (worker_key) WHERE w.who = 'A' "
                        + "AND x.week_end IN (DATE '2015-05-31', DATE '2015-06-07', DATE '2016-04-03')",
                "c_by_system", "(SELECT 'fct_referral' AS t, source_system, count(*) AS n FROM fct_referral JOIN test_who w USING (child_key) WHERE w.who = 'C' GROUP BY 2 "
                        + "UNION ALL SELECT 'fct_episode', source_system, count(*) FROM fct_episode JOIN test_who w USING (child_key) WHERE w.who = 'C' GROUP BY 2 "
                        + "UNION ALL SELECT 'fct_cp_plan', source_system, count(*) FROM fct_cp_plan JOIN test_who w USING (child_key) WHERE w.who = 'C' GROUP BY 2 "
                        + "UNION ALL SELECT 'fct_child_month', 'any', count(*) FROM fct_child_month JOIN test_who w USING (child_key) WHERE w.who = 'C' "
                        + "UNION ALL SELECT 'dim_child', 'any', count(*) FROM dim_child)");
        Map<String, String> cols = strings(
                "map_child", "system, source_id, rule",
                "map_worker_same", "count(DISTINCT worker_key)",
                "dq_unmapped_values", "kind, system, column_key, source_value, rows",
                "fct_contact_c", "source_system, source_key, contact_date, source_code, team",
                "fct_visit_c", "source_system, source_key, visit_date, note_type_code, visit_kind IS NULL",
                "assessment_links_c", "a.source_system, a.start_date, f.source_system",
                "referral_contact_d", "f.source_system, f.source_key, f.contact_key, c.source_system, c.source_key",
                "cf_links_left_out", "t, k",
                "care_links_d", "t, source_system, source_key, start_date, period_key, placement_key",
                "deleted_staged", "fact_contact_id, _deleted_at",
                "c_by_system", "t, source_system, n",
                "fct_icpc_log", "log_key, strategy_date, icpc_date, within_15_days_logged, comments, "
                        + "child_key = (SELECT max(child_key) FROM map_child WHERE system = 'liquidlogic' AND source_id = 9101)",
                "fct_sickness", "month_end, service, fte, days_lost",
                "manual_dental", "check_type, check_date, status_code, source_system, child_key IS NOT NULL",
                "manual_quarantine", "file, line, `column`, reason",
                "status", "w.who, eligibility_code",
                "worker_week_a", "week_end, team, job_title_code, fte, caseload, max_caseload, over_max");
        cols.forEach((name, c) -> parts.add("SELECT '" + name + "' AS t, " + row(c) + " AS v FROM " + special.get(name)));
        // One query, one Spark job: the whole star of the journeys in a single collect.
        out = new TreeMap<>();
        for (Row r : spark.sql(String.join("\nUNION ALL\n", parts)).collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1));
        }
        out.values().forEach(l -> l.sort(null));
    }

    static List<String> of(String who, String table) {
        return out.getOrDefault(who + ":" + table, List.of());
    }

    static Map<String, String> strings(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static String row(String cols) {
        List<String> exprs = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : cols.toCharArray()) {
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == ',' && depth == 0) {
                exprs.add(cur.toString().trim());
                cur.setLength(0);
            } else cur.append(c);
        }
        exprs.add(cur.toString().trim());
        return "concat_ws('|', " + String.join(", ", exprs.stream().map(e -> "coalesce(CAST(" + e + " AS STRING), '-')").toList()) + ")";
    }

    @Test
    void theSameJourneyThroughEitherSystemGivesTheSameFacts() {
        for (String table : COMPARED.keySet()) {
            if (table.equals("dim_child")) continue;
            assertThat(of("B", table)).as(table).isNotEmpty().isEqualTo(of("A", table));
        }
        assertThat(of("A", "dim_child")).containsExactly("2010-05-01|2|WBRI");
        assertThat(of("B", "dim_child")).containsExactly("2011-03-04|2|WBRI");
    }

    @Test
    void theFactsAreTheOnesWorkedOutByHand() {
        Map<String, List<String>> f = new TreeMap<>();
        COMPARED.keySet().forEach(t -> f.put(t, of("A", t)));
        assertThat(f.get("fct_contact")).containsExactly("2015-06-01|6|NEW_REFERRAL|true|Locality Team 1|Area 1|true");
        assertThat(f.get("fct_referral")).containsExactly("2015-06-01|2016-01-15|6|N1|false|RC7|Locality Team 1|Area 1|true");
        assertThat(f.get("fct_assessment")).containsExactly("SINGLE|2015-06-02|2015-07-20|C|true|true|Locality Team 1|true");
        assertThat(f.get("fct_strategy_discussion")).containsExactly("2015-06-03|Locality Team 1|Area 1");
        assertThat(f.get("fct_s47")).containsExactly("2015-06-03|2015-06-03|2015-06-15|ICPC|Locality Team 1|true");
        assertThat(f.get("fct_conference")).containsExactly("ICPC|2015-06-24|2015-06-24|2015-06-03|true|Safeguarding Unit|Safeguarding|true");
        assertThat(f.get("fct_cp_plan")).containsExactly("2015-06-24|2015-09-30|NEG|NEG|false|Locality Team 1|true");
        assertThat(f.get("fct_cp_review")).containsExactly("2015-09-24|2015-09-10|Locality Team 1|true");
        assertThat(f.get("fct_visit")).containsExactly("2015-07-01|STVC|true|CP|true|true|Locality Team 1");
        assertThat(f.get("fct_period_of_care")).containsExactly("2015-10-01|-|Locality Team 1");
        // Two episodes, one placement (same foster home throughout), two legal statuses; "5 miles" read as 5.
        assertThat(f.get("fct_episode")).containsExactly(
                "2015-10-01|2015-11-01|S|X1|V2|U4|PR1|5.0|N1|true",
                "2015-11-01|-|L|-|C1|U4|PR1|5.0|N1|true");
        assertThat(f.get("fct_placement")).containsExactly("2015-10-01|-|U4|PR1|5.0|Locality Team 1");
        assertThat(f.get("fct_legal_status")).containsExactly("2015-10-01|2015-11-01|V2", "2015-11-01|-|C1");
        assertThat(f.get("fct_health_check")).containsExactly("IHA|2015-10-29|2015-10-20|COMPLETED|Locality Team 1");
        assertThat(f.get("fct_allocation")).containsExactly("2015-06-01|-|CW|true|Locality Team 1|Area 1");
        assertThat(f.get("fct_caf")).containsExactly("2015-03-01|2015-05-01|SCH|Area 1");
        assertThat(f.get("fct_care_leaver_contact")).containsExactly("2016-01-10|YES|D|true|G5|true|Locality Team 1");
        // Care First records no eligibility: only Liquid Logic's children have a care-leaver status.
        assertThat(out.get("status")).containsExactly("B|FORMER_RELEVANT", "C|FORMER_RELEVANT");
        assertThat(f.get("dim_worker")).containsExactly("2010-01-01|-|Locality Team 1|Area 1|SW|true|true|1.0|false|18.0");
        // Weeks end on Sunday; the allocation starts Monday 1 June 2015 and stays open.
        assertThat(out.get("worker_week_a")).containsExactly("2015-05-31|Locality Team 1|SW|1.0|0|18.0|false",
                "2015-06-07|Locality Team 1|SW|1.0|1|18.0|false", "2016-04-03|Locality Team 1|SW|1.0|1|18.0|false");
        // Open at month end: referral Jun-Dec 2015 (closed 15 Jan), plan Jun-Aug (ends 30 Sep, so not open at 30 Sep),
        // looked after Oct 2015 onwards (section 20, then interim care order); the newest extract is the DELTA of 2 April 2016.
        assertThat(f.get("fct_child_month")).containsExactly(
                "2015-06-30|true|true|false|-|Locality Team 1|true", "2015-07-31|true|true|false|-|Locality Team 1|true",
                "2015-08-31|true|true|false|-|Locality Team 1|true", "2015-09-30|true|false|false|-|Locality Team 1|true",
                "2015-10-31|true|false|true|V2|Locality Team 1|true", "2015-11-30|true|false|true|C1|Locality Team 1|true",
                "2015-12-31|true|false|true|C1|Locality Team 1|true", "2016-01-31|false|false|true|C1|Locality Team 1|true",
                "2016-02-29|false|false|true|C1|Locality Team 1|true", "2016-03-31|false|false|true|C1|Locality Team 1|true",
                "2016-04-30|false|false|true|C1|Locality Team 1|true");
    }

    @Test
    void afterGoLiveEachEventCountsOnceAndADeletedMigratedEventStaysDeleted() {
        // LL deleted its copy of the migrated contact: the Care First copy must not come back; the
        // Care First contact LL never held stays.
        assertThat(out.get("deleted_staged")).containsExactly("70101|2016-04-02 08:00:00");
        assertThat(out.get("fct_contact_c")).containsExactly("carefirst|5102|2015-05-01|UNKNOWN|UNKNOWN");
        assertThat(out.get("c_by_system")).containsExactlyInAnyOrder("fct_referral|liquidlogic|1", "fct_episode|liquidlogic|2",
                "fct_cp_plan|liquidlogic|1", "fct_child_month|any|11", "dim_child|any|4");
        // The merged duplicate's note belongs to the survivor, who is the migrated Liquid Logic person.
        assertThat(out.get("fct_visit_c")).containsExactly("carefirst|9399|2015-08-01|HVIS|true", "liquidlogic|78101|2015-07-01|STVC|false");
        assertThat(out.get("map_child")).containsExactlyInAnyOrder("carefirst|1001|CF_CLIENT", "carefirst|1101|CF_CLIENT",
                "carefirst|1102|CF_MERGED_INTO_SURVIVOR", "liquidlogic|9001|NEW_IN_LIQUIDLOGIC", "liquidlogic|9101|LEGACY_ID",
                "carefirst|1201|CF_CLIENT", "liquidlogic|9201|LEGACY_ID");
        assertThat(out.get("map_worker_same")).containsExactly("1");
    }

    @Test
    void aCareFirstRecordOfAMigratedReferralLinksToTheReferralTheStarKept() {
        // Care First's referral 6101 is Liquid Logic's too: fct_referral keeps the Liquid Logic one, and the
        // assessment only Care First holds must link to it, not to the Care First referral left out.
        assertThat(out.get("assessment_links_c")).containsExactly("carefirst|2015-09-01|liquidlogic", "liquidlogic|2015-06-02|liquidlogic");
    }

    @Test
    void aCareFirstRecordLinksToTheLiquidLogicTwinOfAnyEventTheStarLeftOut() {
        // D's contact is in both systems (the star keeps Liquid Logic's 70201), the referral only in Care First.
        assertThat(out.get("referral_contact_d")).containsExactly("carefirst|6201|LL-70201|liquidlogic|70201");
        // No Care First link in the fixture points at an event the star left out.
        assertThat(out.getOrDefault("cf_links_left_out", List.of())).isEmpty();
        // D's Care First-only episodes and placement point at the Liquid Logic period and placement the star kept.
        assertThat(out.get("care_links_d")).containsExactly(
                "episode|carefirst|6302|2016-03-10|LL-70301|LL-70311", "episode|carefirst|6303|2016-03-20|LL-70301|CF-6303",
                "episode|liquidlogic|70321|2016-03-01|LL-70301|LL-70311",
                "period|liquidlogic|70301|2016-03-01|LL-70301|-",
                "placement|carefirst|6303|2016-03-20|LL-70301|CF-6303", "placement|liquidlogic|70311|2016-03-01|LL-70301|LL-70311");
    }

    @Test
    void unmappedValuesBecomeUnknownAndAreListed() {
        assertThat(out.get("dq_unmapped_values")).containsExactlyInAnyOrder(
                "CODE|carefirst|SOURCE|Carrier pigeon|1", "TEAM|carefirst|TEAM|Mystery Team|1");
    }

    @Test
    void manualAndHrFilesLoadWithQuarantineAndCountsAddingUp() {
        // Both ICPC log rows are the same conformed child (Care First 1101 = Liquid Logic 9101 by LEGACY_ID).
        assertThat(out.get("fct_icpc_log")).containsExactly(
                "2|2015-06-03|2015-06-24|true|chair availability, date moved|true", "3|2015-06-03|2015-06-24|true|-|true");
        assertThat(out.get("manual_quarantine")).containsExactly(
                "icpc_tracker.csv|4|CHILD_REF|neither a Care First client number nor LL + a Liquid Logic person id",
                "icpc_tracker.csv|5|ICPC_DATE|not a date (dd/MM/yyyy)",
                "sickness.csv|4|MONTH|not a month (yyyy-MM)");
        assertThat(out.get("fct_sickness")).containsExactly("2015-12-31|Children's Social Care|120.5|60.0", "2015-12-31|Life Stages 0-25|40.0|30.0");
        assertThat(out.get("manual_dental")).containsExactly("DENTAL|2015-11-05|COMPLETED|manual|true");
        assertThat(log).anyMatch(l -> l.matches("\\s*manual/icpc_tracker.csv\\s+4\\s+2\\s+2"));
        assertThat(log).anyMatch(l -> l.matches("\\s*hr/sickness.csv\\s+3\\s+2\\s+1"));
    }

    @Test
    void everyTableComputedPerChildKeysItsRowsByChild() {
        // Per-child conform keeps and replaces rows by child_key (ChildScope): a table without one cannot be computed so.
        SparkSession spark = Spark.session(WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build());
        for (ConformSql.Step step : ConformSql.STEPS) {
            if (!step.persisted() || ChildScope.WHOLE.contains(step.name())) continue;
            assertThat(spark.table(step.name()).columns()).as(step.name()).contains("child_key");
        }
    }
}
