package org.csc.etl.quality;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.carefirst.CareFirstSource;
import org.csc.etl.source.liquidlogic.LiquidLogicSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Tiny hand-built staging tables, star tables and manual logs in which every rule of the catalog
 * has a record that must fail and one that must not (the keys are listed in RuleCatalogTest).
 * Written as SQL VALUES so a reader sees the whole fixture at once.
 */
final class DqFixture {
    static final List<SourceSystem> SYSTEMS = List.of(new CareFirstSource(), new LiquidLogicSource());

    private DqFixture() {}

    /** Drops every temp view (other test classes share the session), then registers the fixture. */
    static void register(SparkSession spark, Path landing) throws IOException {
        dropTempViews(spark);
        stg(spark, "carefirst", "CLIENTS", "client_no, forenames, surname, date_of_birth, gender, ethnicity, postcode, merged_into, entered_on",
                "(1, 'Ann', 'Smith', DATE'2010-01-01', 'Female', 'White British', 'DL1 1AA', NULL, TIMESTAMP'2015-01-05 10:00:00')",
                "(2, 'Bob', 'Jones', DATE'2011-02-02', NULL, 'Martian', 'ZZ99 9ZZ', NULL, TIMESTAMP'2015-01-05 10:00:00')",
                "(3, 'Ann', 'Smith', DATE'2010-01-01', 'Female', 'White British', 'DL1 1AA', 1, TIMESTAMP'2015-02-05 10:00:00')",
                "(4, 'Cara', 'Lee', DATE'2009-03-03', 'Female', 'White British', 'DL2 2BB', NULL, TIMESTAMP'2015-01-05 10:00:00')",
                "(5, 'Cara', 'Lee', DATE'2009-03-03', 'Female', 'White British', 'DL2 2BB', NULL, TIMESTAMP'2015-03-05 10:00:00')");
        stg(spark, "carefirst", "WORKERS", "worker_id, name, team", "(501, 'Worker A', 'Locality Team 1')");
        stg(spark, "carefirst", "ALLOCATIONS", "allocation_no, client_no, worker_id, role, start_date",
                "(1001, 1, 501, 'Allocated Social Worker', DATE'2015-01-01')");
        stg(spark, "carefirst", "CONTACTS", "contact_no, client_no, contact_date, source, team, worker_id, entered_on",
                "(101, 1, DATE'2015-06-01', 'Police', 'Locality Team 1', 501, TIMESTAMP'2015-06-01 10:00:00')",
                "(102, 2, DATE'2015-06-01', NULL, 'AREA1', 501, TIMESTAMP'2015-08-03 10:00:00')",
                "(103, 99, DATE'2015-06-02', 'Police', 'Nowhere Team', 599, TIMESTAMP'2015-06-02 10:00:00')");
        stg(spark, "carefirst", "REFERRALS", "referral_no, client_no, referral_date, source, primary_need, team, worker_id, entered_on",
                "(201, 1, DATE'2015-06-01', 'Police', 'Abuse or neglect', 'Locality Team 1', 501, TIMESTAMP'2015-06-01 10:00:00')",
                "(202, 1, DATE'2015-06-03', NULL, 'Abuse & Neglect', 'Locality Team 1', 501, TIMESTAMP'2015-09-01 10:00:00')");
        stg(spark, "carefirst", "ASSESSMENTS", "assessment_no, client_no, referral_no, start_date, authorised_date, status, team, worker_id, entered_on",
                "(301, 1, 201, DATE'2015-06-05', DATE'2015-07-01', 'Authorised', 'Locality Team 1', 501, TIMESTAMP'2015-06-05 10:00:00')",
                "(302, 1, 9999, DATE'2015-06-05', NULL, 'Authorised', 'Locality Team 1', 501, TIMESTAMP'2015-09-01 10:00:00')");
        stg(spark, "carefirst", "S47_ENQUIRIES", "s47_no, client_no, strategy_date, start_date, team, worker_id, entered_on",
                "(401, 1, DATE'2015-06-10', DATE'2015-06-10', 'Locality Team 1', 501, TIMESTAMP'2015-06-10 10:00:00')",
                "(402, 1, DATE'2015-07-20', DATE'2015-07-20', 'Locality Team 1', 501, TIMESTAMP'2015-10-01 10:00:00')");
        stg(spark, "carefirst", "CONFERENCES", "conference_no, client_no, s47_no, conference_type, conference_date",
                "(451, 1, 401, 'Initial', DATE'2015-06-24')", "(452, 1, 402, 'Initial', DATE'2015-07-15')");
        stg(spark, "carefirst", "CASE_NOTES", "note_no, client_no, note_date, note_type, subject, worker_id, entered_on",
                "(601, 1, DATE'2015-06-01', 'General', 'phone call with mum', 501, TIMESTAMP'2015-06-01 10:00:00')",
                "(602, 1, DATE'2015-06-01', 'General', 'Stat visit', 501, TIMESTAMP'2015-08-01 10:00:00')",
                "(603, 1, DATE'2015-06-01', 'Statutory Visit - CP', 'Statutory visit', 501, TIMESTAMP'2015-06-01 10:00:00')");
        stg(spark, "carefirst", "HEALTH", "health_no, client_no, check_type, due_date, check_date, status, entered_on",
                "(701, 1, 'Dental Check', NULL, DATE'2015-05-01', 'Completed', TIMESTAMP'2015-05-01 10:00:00')",
                "(702, 1, 'Health Assessment', DATE'2015-05-01', DATE'2015-05-01', 'Completed', TIMESTAMP'2015-07-01 10:00:00')");
        stg(spark, "carefirst", "LAC_EPISODES", "episode_no, client_no, start_date, end_date, legal_status, placement_type, distance_miles",
                "(801, 1, DATE'2015-01-01', DATE'2015-02-01', 'Full Care Order', 'FOST-LA', '12')",
                "(802, 1, DATE'2015-03-01', DATE'2015-02-01', NULL, 'FOSTER', '')",
                "(803, 1, DATE'2015-04-01', NULL, 'Section 20', 'FOST-LA', 'out of area')");
        stg(spark, "carefirst", "CAF", "caf_no, client_no, start_date, end_date",
                "(901, 1, DATE'2015-01-01', DATE'2015-03-01')", "(902, 1, DATE'2015-03-01', DATE'2015-01-01')");

        stg(spark, "liquidlogic", "DIM_DEPARTMENT", "dim_department_id, name, last_updated_dttm",
                "(11, 'Locality Team 2', TIMESTAMP'2016-04-01 00:00:00')", "(12, 'Mystery Dept', TIMESTAMP'2016-04-01 00:00:00')");
        stg(spark, "liquidlogic", "DIM_WORKER", "dim_worker_id, dim_department_id", "(21, 11)");
        stg(spark, "liquidlogic", "DIM_PERSON", "dim_person_id, legacy_id, forename, surname, birth_dttm, gender_main_code, postcode, duplicated_dttm, is_client, last_updated_dttm",
                "(31, '1', 'Ann', 'Smith', TIMESTAMP'2010-01-01 00:00:00', 'F', 'DL1 1AA', NULL, true, TIMESTAMP'2016-04-01 00:00:00')",
                "(32, NULL, 'Zed', 'New', TIMESTAMP'2016-01-01 00:00:00', 'M', 'DL3 3CC', NULL, true, TIMESTAMP'2016-05-01 00:00:00')",
                "(33, NULL, 'Yan', 'Old', TIMESTAMP'2015-01-01 00:00:00', NULL, 'XX', NULL, true, TIMESTAMP'2016-05-01 00:00:00')",
                "(34, NULL, 'Zed', 'New', TIMESTAMP'2016-01-01 00:00:00', 'M', 'DL3 3CC', TIMESTAMP'2016-05-01 00:00:00', true, TIMESTAMP'2016-05-01 00:00:00')",
                "(35, NULL, 'Cara', 'Lee', TIMESTAMP'2009-03-03 00:00:00', 'F', 'DL2 2BB', NULL, true, TIMESTAMP'2016-05-01 00:00:00')",
                "(36, NULL, 'Zed', 'New', TIMESTAMP'2016-01-01 00:00:00', 'M', 'DL3 3CC', NULL, true, TIMESTAMP'2016-05-01 00:00:00')",
                "(37, NULL, 'Ann', 'Smith', TIMESTAMP'2010-01-01 00:00:00', 'F', 'DL1 1AA', NULL, true, TIMESTAMP'2016-05-01 00:00:00')");
        stg(spark, "liquidlogic", "FACT_INVOLVEMENTS", "fact_involvements_id, dim_person_id, dim_worker_id, dim_department_id, start_dttm",
                "(2101, 32, 21, 11, TIMESTAMP'2016-05-01 00:00:00')");
        stg(spark, "liquidlogic", "FACT_CONTACTS", "fact_contact_id, dim_person_id, contact_dttm, dim_lookup_cont_sorc_id, dim_department_id, dim_worker_id, created_dttm, _unknown_links",
                "(1101, 32, TIMESTAMP'2016-05-02 09:00:00', '6', 11, 21, TIMESTAMP'2016-05-02 10:00:00', NULL)",
                "(1102, 32, TIMESTAMP'2016-05-02 09:00:00', NULL, 11, -1, TIMESTAMP'2016-07-01 10:00:00', 'dim_worker_id')",
                "(1103, 32, TIMESTAMP'2016-05-03 09:00:00', '6', 99, 98, TIMESTAMP'2016-05-03 10:00:00', NULL)",
                "(1104, 32, TIMESTAMP'2015-05-03 09:00:00', NULL, 11, 21, TIMESTAMP'2015-05-03 10:00:00', NULL)");
        stg(spark, "liquidlogic", "FACT_REFERRALS", "fact_referral_id, dim_person_id, refrl_start_dttm, dim_lookup_category_of_need_code, dim_lookup_cont_sorc_id, created_dttm",
                "(1201, 32, TIMESTAMP'2016-05-02 00:00:00', 'N1 Abuse or neglect', '6', TIMESTAMP'2016-05-02 10:00:00')",
                "(1202, 32, TIMESTAMP'2016-05-02 00:00:00', 'N12', NULL, TIMESTAMP'2016-05-02 10:00:00')");
        stg(spark, "liquidlogic", "FACT_SINGLE_ASSESSMENT", "fact_single_assessment_id, dim_person_id, fact_referral_id, start_dttm, created_dttm",
                "(1301, 32, 1201, TIMESTAMP'2016-05-03 00:00:00', TIMESTAMP'2016-05-03 10:00:00')",
                "(1302, 32, 8888, TIMESTAMP'2016-05-03 00:00:00', TIMESTAMP'2016-05-03 10:00:00')");
        stg(spark, "liquidlogic", "FACT_MEETINGS", "fact_meeting_id, dim_person_id, dim_lookup_mtg_type_id_code, actual_dttm, created_dttm",
                "(1401, 32, 'StratDisc', TIMESTAMP'2016-05-02 00:00:00', TIMESTAMP'2016-05-02 10:00:00')",
                "(1402, 32, 'CPConference', TIMESTAMP'2016-05-16 00:00:00', TIMESTAMP'2016-05-16 10:00:00')",
                "(1403, 32, 'StratDisc', TIMESTAMP'2016-06-10 00:00:00', TIMESTAMP'2016-06-10 10:00:00')",
                "(1404, 32, 'CPConference', TIMESTAMP'2016-06-08 00:00:00', TIMESTAMP'2016-06-08 10:00:00')");
        stg(spark, "liquidlogic", "FACT_S47", "fact_s47_id, dim_person_id, fact_strat_meeting_id, start_dttm, created_dttm",
                "(1501, 32, 1401, TIMESTAMP'2016-05-02 00:00:00', TIMESTAMP'2016-05-02 10:00:00')",
                "(1502, 32, 1403, TIMESTAMP'2016-06-10 00:00:00', TIMESTAMP'2016-06-10 10:00:00')");
        stg(spark, "liquidlogic", "FACT_CP_CONFERENCE", "fact_cp_conference_id, fact_meeting_id, dim_person_id, fact_s47_id, transfer_in_flag",
                "(1601, 1402, 32, 1501, false)", "(1602, 1404, 32, 1502, false)");
        stg(spark, "liquidlogic", "FACT_CASENOTES", "fact_casenote_id, dim_person_id, event_dttm, dim_lookup_casnt_type_id_code, subject, dim_worker_id, created_dttm",
                "(1701, 32, TIMESTAMP'2016-05-02 00:00:00', 'GEN', 'called school', 21, TIMESTAMP'2016-05-02 10:00:00')",
                "(1702, 32, TIMESTAMP'2016-05-02 00:00:00', 'GEN', 'visit (statutory)', 21, TIMESTAMP'2016-05-02 10:00:00')",
                "(1703, 32, TIMESTAMP'2016-05-02 00:00:00', 'XYZ', 'note', 21, TIMESTAMP'2016-05-02 10:00:00')",
                "(1704, 31, TIMESTAMP'2015-06-01 00:00:00', 'STVC', 'Statutory visit', 21, TIMESTAMP'2015-06-01 10:00:00')",
                "(1705, 31, TIMESTAMP'2015-06-01 00:00:00', 'STVC', 'Statutory visit', 21, TIMESTAMP'2015-06-01 10:00:00')",
                "(1706, 31, TIMESTAMP'2015-06-01 00:00:00', 'STVC', 'Statutory visit', 21, TIMESTAMP'2015-06-01 10:00:00')");
        stg(spark, "liquidlogic", "FACT_HEALTH_CHECK", "fact_health_check_id, dim_person_id, dim_lookup_event_type_desc, due_dttm, start_dttm, created_dttm",
                "(2201, 32, 'Dental Check', NULL, TIMESTAMP'2016-06-01 00:00:00', TIMESTAMP'2016-06-01 10:00:00')");
        stg(spark, "liquidlogic", "FACT_CLA_PLACEMENT", "fact_cla_placement_id, dim_person_id, start_dttm, dim_lookup_placement_type_code, distance_from_home",
                "(1801, 32, TIMESTAMP'2016-05-01 00:00:00', 'U4', '5')", "(1802, 32, TIMESTAMP'2016-05-01 00:00:00', 'U9', 'approx 12')");
        stg(spark, "liquidlogic", "FACT_CARE_EPISODES", "fact_care_episodes_id, dim_person_id, care_start_date, care_end_date, cin_903_code",
                "(1901, 32, DATE'2016-05-01', DATE'2016-06-01', 'N1')", "(1902, 32, DATE'2016-05-01', DATE'2016-04-01', 'N12')");
        stg(spark, "liquidlogic", "FACT_CAF_EPISODE", "fact_caf_episode_id, dim_person_id, episode_start_dttm, episode_end_dttm",
                "(2001, 32, TIMESTAMP'2016-05-01 00:00:00', TIMESTAMP'2016-06-01 00:00:00')",
                "(2002, 32, TIMESTAMP'2016-06-01 00:00:00', TIMESTAMP'2016-05-01 00:00:00')");
        view(spark, "etl_quarantine", "run_id, drop, file, line, record_key, column, raw_value, reason",
                "('r', 'carefirst/2016-03-31', 'CONTACTS.csv', 5L, '104', 'CONTACT_DATE', '31/02/2015', 'not a date')");

        // The conformed star (only the columns the rules read) and the identity map.
        view(spark, "map_child", "system, source_id, rule, child_key",
                "('carefirst', 1L, 'CF_CLIENT', 'K1')", "('carefirst', 2L, 'CF_CLIENT', 'K2')", "('carefirst', 3L, 'CF_MERGED_INTO_SURVIVOR', 'K1')",
                "('carefirst', 4L, 'CF_CLIENT', 'K4')", "('carefirst', 5L, 'CF_CLIENT', 'K5')", "('liquidlogic', 31L, 'LEGACY_ID', 'K1')",
                "('liquidlogic', 32L, 'NEW_IN_LIQUIDLOGIC', 'K32')", "('liquidlogic', 33L, 'NEW_IN_LIQUIDLOGIC', 'K33')",
                "('liquidlogic', 34L, 'LL_DUPLICATE_NOT_A_CHILD', NULL)", "('liquidlogic', 35L, 'NEW_IN_LIQUIDLOGIC', 'K35')",
                "('liquidlogic', 36L, 'NEW_IN_LIQUIDLOGIC', 'K36')", "('liquidlogic', 37L, 'NEW_IN_LIQUIDLOGIC', 'K37')");
        view(spark, "dim_child", "child_key, date_of_birth, dob_estimated",
                "('K1', DATE'2010-01-01', false)", "('K32', DATE'2016-01-01', false)", "('K5', DATE'1990-01-01', false)");
        String ev = "source_system, source_key, child_key, worker_key, team";
        view(spark, "fct_referral", ev + ", referral_date",
                "('carefirst', '201', 'K1', 'W1', 'Locality Team 1', DATE'2015-06-01')", "('carefirst', 'r2', 'K1', 'W1', 'Locality Team 1', DATE'2009-01-01')");
        view(spark, "fct_assessment", ev + ", start_date, authorised_date",
                "('carefirst', 'a1', 'K1', 'W1', 'Locality Team 1', DATE'2015-06-05', DATE'2015-07-01')",
                "('carefirst', 'a2', 'K1', 'W1', 'Locality Team 1', DATE'2015-07-01', DATE'2015-06-01')");
        view(spark, "fct_period_of_care", ev + ", period_key, start_date, end_date",
                "('carefirst', 'p1', 'K1', 'W1', 'Looked After Children Team', 'p1', DATE'2015-01-01', DATE'2015-12-31')",
                "('carefirst', 'p2', 'K5', 'W1', 'Looked After Children Team', 'p2', DATE'2007-01-01', DATE'2009-01-01')",
                "('liquidlogic', 'p3', 'K32', 'W1', 'Looked After Children Team', 'p3', DATE'2016-05-01', DATE'2016-04-01')",
                "('liquidlogic', 'p4', 'K33', 'W1', 'Looked After Children Team', 'p4', DATE'2016-01-01', DATE'2016-06-01')",
                "('liquidlogic', 'p5', 'K33', 'W1', 'Looked After Children Team', 'p5', DATE'2016-03-01', NULL)");
        view(spark, "fct_legal_status", "legal_status_key, child_key, start_date, end_date", "('l1', 'K1', DATE'2015-01-01', NULL)");
        view(spark, "fct_placement", "placement_key, child_key, start_date, end_date", "('x1', 'K1', DATE'2015-01-01', NULL)");
        view(spark, "fct_health_check", "check_key, child_key, check_type, due_date, check_date", "('h1', 'K1', 'IHA', DATE'2015-01-20', DATE'2015-01-25')");
        view(spark, "fct_cp_plan", ev + ", plan_key, conference_key, start_date, end_date",
                "('carefirst', 'cp1', 'K1', 'W1', 'Locality Team 1', 'cp1', 'c1', DATE'2015-06-24', DATE'2015-12-01')",
                "('liquidlogic', 'cp2', 'K32', 'W1', 'Locality Team 2', 'cp2', NULL, DATE'2016-06-01', DATE'2016-05-01')",
                "('liquidlogic', 'cp3', 'K33', 'W1', 'Locality Team 2', 'cp3', 'c1', DATE'2016-01-01', NULL)",
                "('liquidlogic', 'cp4', 'K33', 'W1', 'Locality Team 2', 'cp4', 'c1', DATE'2016-02-01', DATE'2016-03-01')");
        view(spark, "fct_conference", ev + ", conference_key, conference_type, conference_date, strategy_date",
                "('carefirst', 'c1', 'K1', 'W1', 'Safeguarding Unit', 'c1', 'ICPC', DATE'2015-06-24', DATE'2015-06-10')",
                "('carefirst', 'c2', 'K1', 'W1', 'Safeguarding Unit', 'c2', 'ICPC', DATE'2015-08-05', DATE'2015-07-25')",
                "('carefirst', 'c3', 'K1', 'W1', 'Safeguarding Unit', 'c3', 'ICPC', DATE'2015-07-01', DATE'2015-06-20')");

        Path manual = Files.createDirectories(landing.resolve("manual"));
        Files.writeString(manual.resolve("icpc_tracker.csv"), """
                CHILD_REF,STRATEGY_DATE,ICPC_DATE,WITHIN_15_DAYS,COMMENTS
                1,10/06/2015,24/06/2015,Y,
                1,20/05/2015,15/07/2015,Y,chair availability
                1,24/07/2015,05/08/2015,Y,
                LL32,02/05/2016,16/05/2016,N,
                """);
        Files.writeString(manual.resolve("dental_checks.csv"), """
                CHILD_REF,CHECK_DATE,RECORDED_BY
                1,01/05/2015,LAC nurse
                1,02/02/2015,LAC nurse
                LL32,01/06/2016,Business support
                """);
    }

    /** The session is shared by every test class in the JVM: leave no views behind for the next one. */
    static void dropTempViews(SparkSession spark) {
        for (Row r : spark.sql("SHOW VIEWS").collectAsList()) {
            if (r.getBoolean(r.fieldIndex("isTemporary"))) spark.catalog().dropTempView(r.getString(r.fieldIndex("viewName")));
        }
    }

    /** A staging view with the contract's full schema: unlisted columns are null, lineage columns filled. */
    static void stg(SparkSession spark, String system, String table, String columns, String... rows) {
        SourceContract.Table t = SYSTEMS.stream().filter(s -> s.name().equals(system)).findFirst().orElseThrow().contract().table(table);
        Dataset<Row> given = values(spark, columns, rows);
        List<String> have = Arrays.asList(given.columns());
        List<Column> cols = new ArrayList<>();
        for (StructField f : t.stagedSchema().fields()) {
            Column c = have.contains(f.name()) ? col(f.name())
                    : switch (f.name()) {
                        case SourceContract.Staging.DROP -> lit(system + "/2016-06-30");
                        case SourceContract.Staging.EXTRACT_DATE -> lit(java.sql.Date.valueOf("2016-06-30"));
                        case SourceContract.Staging.LINE -> lit(1L);
                        default -> lit(null);
                    };
            cols.add(c.cast(f.dataType()).as(f.name()));
        }
        given.select(cols.toArray(Column[]::new)).createOrReplaceTempView(t.stagedTable());
    }

    static void view(SparkSession spark, String name, String columns, String... rows) {
        values(spark, columns, rows).createOrReplaceTempView(name);
    }

    static Dataset<Row> values(SparkSession spark, String columns, String... rows) {
        return spark.sql("SELECT * FROM VALUES " + String.join(", ", rows) + " AS t(" + columns + ")");
    }
}
