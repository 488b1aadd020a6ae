package org.csc.etl.conform;

import java.util.ArrayList;
import java.util.List;

import static org.csc.etl.conform.ConformSql.table;

/**
 * What conform could not map, for the data-quality engineer to turn into findings:
 * dq_unmapped_values lists every distinct coded value with no row in conf/mappings/codes.csv,
 * every team name with no row in conf/mappings/teams.csv, and free-text dates that are not
 * dates, with how many staged rows hold it and one example record key.
 */
final class ConformQuality {
    private ConformQuality() {}

    /** Liquid Logic's category of need, with the description some rows append ("N1 Abuse or neglect") cut off. */
    static final String LL_NEED_CODE = "CASE WHEN trim(r.dim_lookup_category_of_need_code) RLIKE '^N[0-9]+( |$)' "
            + "THEN regexp_extract(trim(r.dim_lookup_category_of_need_code), '^(N[0-9]+)', 1) ELSE r.dim_lookup_category_of_need_code END";

    /** One coded source column: the staged table (aliased r), its key, the value expression, and the codes.csv column key. */
    record Coded(String system, String columnKey, String table, String key, String expr) {}

    static final List<Coded> CODED = List.of(
            cf("CLIENTS.GENDER", "clients", "client_no", "gender"),
            cf("CLIENTS.ETHNICITY", "clients", "client_no", "ethnicity"),
            cf("SOURCE", "contacts", "contact_no", "source"),
            cf("CONTACTS.OUTCOME", "contacts", "contact_no", "outcome"),
            cf("SOURCE", "referrals", "referral_no", "source"),
            cf("REFERRALS.PRIMARY_NEED", "referrals", "referral_no", "primary_need"),
            cf("REFERRALS.CLOSE_REASON", "referrals", "referral_no", "close_reason"),
            cf("ASSESSMENTS.ASSESSMENT_TYPE", "assessments", "assessment_no", "assessment_type"),
            cf("ASSESSMENTS.STATUS", "assessments", "assessment_no", "status"),
            cf("S47_ENQUIRIES.OUTCOME", "s47_enquiries", "s47_no", "outcome"),
            cf("CONFERENCES.CONFERENCE_TYPE", "conferences", "conference_no", "conference_type"),
            cf("CONFERENCES.OUTCOME", "conferences", "conference_no", "outcome"),
            cf("REGISTRATIONS.CATEGORY", "registrations", "registration_no", "category"),
            cf("REGISTRATIONS.CATEGORY", "registrations", "registration_no", "latest_category"),
            cf("LAC_EPISODES.START_REASON", "lac_episodes", "episode_no", "start_reason"),
            cf("LAC_EPISODES.LEGAL_STATUS", "lac_episodes", "episode_no", "legal_status"),
            cf("LAC_EPISODES.PLACEMENT_TYPE", "lac_episodes", "episode_no", "placement_type"),
            cf("LAC_EPISODES.PLACEMENT_PROVIDER", "lac_episodes", "episode_no", "placement_provider"),
            cf("LAC_EPISODES.END_REASON", "lac_episodes", "episode_no", "end_reason"),
            cf("REFERRALS.PRIMARY_NEED", "lac_episodes", "episode_no", "category_of_need"),
            cf("CASE_NOTES.NOTE_TYPE", "case_notes", "note_no", "note_type"),
            cf("HEALTH.CHECK_TYPE", "health", "health_no", "check_type"),
            cf("HEALTH.STATUS", "health", "health_no", "status"),
            cf("CARE_LEAVERS.IN_TOUCH", "care_leavers", "contact_no", "in_touch"),
            cf("CARE_LEAVERS.ACCOMMODATION", "care_leavers", "contact_no", "accommodation"),
            cf("CARE_LEAVERS.ACTIVITY", "care_leavers", "contact_no", "activity"),
            cf("WORKERS.JOB_TITLE", "workers", "worker_id", "job_title"),
            cf("WORKERS.EMPLOYMENT", "workers", "worker_id", "employment"),
            cf("ALLOCATIONS.ROLE", "allocations", "allocation_no", "role"),
            cf("CAF.LEAD_AGENCY", "caf", "caf_no", "lead_agency"),
            ll("DIM_PERSON.GENDER_MAIN_CODE", "dim_person", "dim_person_id", "gender_main_code"),
            ll("DIM_PERSON.ETHNICITY_MAIN_CODE", "dim_person", "dim_person_id", "ethnicity_main_code"),
            ll("FACT_CONTACTS.DIM_LOOKUP_CONT_SORC_ID", "fact_contacts", "fact_contact_id", "dim_lookup_cont_sorc_id"),
            ll("FACT_CONTACTS.DIM_LOOKUP_CONT_SORC_ID", "fact_referrals", "fact_referral_id", "dim_lookup_cont_sorc_id"),
            new Coded("liquidlogic", "FACT_REFERRALS.DIM_LOOKUP_CATEGORY_OF_NEED_CODE", "stg_liquidlogic__fact_referrals", "fact_referral_id", LL_NEED_CODE),
            ll("FACT_REFERRALS.DIM_LOOKUP_REFRL_ENDRSN_ID_CODE", "fact_referrals", "fact_referral_id", "dim_lookup_refrl_endrsn_id_code"),
            ll("FACT_SINGLE_ASSESSMENT.DIM_LOOKUP_STEP_SUBSTATUS_CODE", "fact_single_assessment", "fact_single_assessment_id", "dim_lookup_step_substatus_code"),
            ll("FACT_MEETINGS.DIM_LOOKUP_MTG_TYPE_ID_CODE", "fact_meetings", "fact_meeting_id", "dim_lookup_mtg_type_id_code"),
            ll("FACT_CP_PLAN.CATEGORY_DESC", "fact_cp_plan", "fact_cp_plan_id", "init_category_desc"),
            ll("FACT_CP_PLAN.CATEGORY_DESC", "fact_cp_plan", "fact_cp_plan_id", "cp_category_desc"),
            ll("FACT_CASENOTES.DIM_LOOKUP_CASNT_TYPE_ID_CODE", "fact_casenotes", "fact_casenote_id", "dim_lookup_casnt_type_id_code"),
            ll("FACT_CARE_EPISODES.CARE_REASON_DESC", "fact_care_episodes", "fact_care_episodes_id", "care_reason_desc"),
            ll("FACT_CARE_EPISODES.CARE_REASON_END_DESC", "fact_care_episodes", "fact_care_episodes_id", "care_reason_end_desc"),
            ll("FACT_CARE_EPISODES.CIN_903_CODE", "fact_care_episodes", "fact_care_episodes_id", "cin_903_code"),
            ll("FACT_LEGAL_STATUS.DIM_LOOKUP_LGL_STATUS_DESC", "fact_legal_status", "fact_legal_status_id", "dim_lookup_lgl_status_desc"),
            ll("FACT_CLA_PLACEMENT.DIM_LOOKUP_PLACEMENT_TYPE_CODE", "fact_cla_placement", "fact_cla_placement_id", "dim_lookup_placement_type_code"),
            ll("FACT_CLA_PLACEMENT.DIM_LOOKUP_PLACEMENT_PROVIDER_CODE", "fact_cla_placement", "fact_cla_placement_id", "dim_lookup_placement_provider_code"),
            ll("FACT_HEALTH_CHECK.DIM_LOOKUP_EVENT_TYPE_DESC", "fact_health_check", "fact_health_check_id", "dim_lookup_event_type_desc"),
            ll("FACT_HEALTH_CHECK.DIM_LOOKUP_EXAM_STATUS_DESC", "fact_health_check", "fact_health_check_id", "dim_lookup_exam_status_desc"),
            ll("DIM_CLA_ELIGIBILITY.DIM_LOOKUP_ELIGIBILITY_STATUS_DESC", "dim_cla_eligibility", "dim_person_id", "dim_lookup_eligibility_status_desc"),
            ll("FACT_CLA_CARE_LEAVERS.DIM_LOOKUP_IN_TOUCH_CODE_CODE", "fact_cla_care_leavers", "fact_cla_care_leavers_id", "dim_lookup_in_touch_code_code"),
            new Coded("liquidlogic", "FACT_CLA_CARE_LEAVERS.DIM_LOOKUP_ACCOMMODATION_CODE", "stg_liquidlogic__fact_cla_care_leavers",
                    "fact_cla_care_leavers_id", "substr(trim(r.dim_lookup_accommodation_code), 1, 1)"),
            ll("FACT_CLA_CARE_LEAVERS.DIM_LOOKUP_MAIN_ACTIVITY_CODE", "fact_cla_care_leavers", "fact_cla_care_leavers_id", "dim_lookup_main_activity_code"),
            ll("DIM_WORKER.JOB_TITLE", "dim_worker", "dim_worker_id", "job_title"),
            ll("DIM_WORKER.EMPLOYMENT_TYPE_DESC", "dim_worker", "dim_worker_id", "employment_type_desc"),
            ll("FACT_INVOLVEMENTS.DIM_LOOKUP_INVOLVEMENT_TYPE_CODE", "fact_involvements", "fact_involvements_id", "dim_lookup_involvement_type_code"),
            ll("FACT_CAF_EPISODE.DIM_LOOKUP_ORIGINATING_ORGANISATION_CODE", "fact_caf_episode", "fact_caf_episode_id", "dim_lookup_originating_organisation_code"));

    /** Care First free-text team columns: mapped through conf/mappings/teams.csv. */
    static final List<Coded> TEAMS = List.of(
            cf("TEAM", "contacts", "contact_no", "team"), cf("TEAM", "referrals", "referral_no", "team"),
            cf("TEAM", "assessments", "assessment_no", "team"), cf("TEAM", "s47_enquiries", "s47_no", "team"),
            cf("TEAM", "workers", "worker_id", "team"), cf("CAF.AREA", "caf", "caf_no", "area"));

    private static Coded cf(String columnKey, String table, String key, String column) {
        return new Coded("carefirst", columnKey, "stg_carefirst__" + table, key, "r." + column);
    }

    private static Coded ll(String columnKey, String table, String key, String column) {
        return new Coded("liquidlogic", columnKey, "stg_liquidlogic__" + table, key, "r." + column);
    }

    /**
     * Distinct values first, then the lookup: the mapping functions are called once per distinct value
     * (a few hundred), not once per staged row (millions at a large council). {@code unmapped} is over
     * {@code v}, the value as text; {@code rowFilter} narrows the rows before counting.
     */
    private static String select(String kind, Coded c, String rowFilter, String unmapped) {
        return "SELECT '" + kind + "' AS kind, '" + c.system() + "' AS system, '" + c.columnKey() + "' AS column_key, '" + c.table()
                + "' AS staged_table, v AS source_value, rows, example_key FROM (SELECT CAST(" + c.expr() + " AS STRING) AS v, count(*) AS rows, "
                + "min(CAST(r." + c.key() + " AS STRING)) AS example_key FROM " + c.table() + " r WHERE " + c.expr() + " IS NOT NULL AND trim("
                + c.expr() + ") <> ''" + (rowFilter == null ? "" : " AND " + rowFilter) + " GROUP BY CAST(" + c.expr() + " AS STRING)) WHERE " + unmapped;
    }

    static String unmappedSql() {
        List<String> parts = new ArrayList<>();
        for (Coded c : CODED) parts.add(select("CODE", c, null, "code_of('" + c.system() + "', '" + c.columnKey() + "', v) = 'UNKNOWN'"));
        for (Coded c : TEAMS) parts.add(select("TEAM", c, null, "team_of(v) = 'UNKNOWN'"));
        parts.add("SELECT 'TEAM', 'liquidlogic', 'DIM_DEPARTMENT.NAME', 'stg_liquidlogic__dim_department', d.name, 1, CAST(d.dim_department_id AS STRING) "
                + "FROM stg_liquidlogic__dim_department d WHERE team_of(d.name) = 'UNKNOWN'");
        parts.add(select("DATE_TEXT", new Coded("liquidlogic", "FACT_FORM_ANSWERS.FormEndDate", "stg_liquidlogic__fact_form_answers",
                "fact_form_id", "r.answer"), "r.answer_no = 'FormEndDate'", "uk_date(v) IS NULL"));
        return String.join("\nUNION ALL\n", parts);
    }

    static final List<ConformSql.Step> STEPS = List.of(table("dq_unmapped_values", unmappedSql()));
}
