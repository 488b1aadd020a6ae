package org.csc.etl.testing;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One child's journey through children's services, written as Care First would export it and as
 * Liquid Logic would: contact, referral, assessment, strategy discussion, s47, initial conference,
 * CP plan with a review and a visit, then care (section 20 becoming an interim care order in the
 * same foster placement), an initial health assessment, an allocation and an earlier CAF. The same
 * events through either system must conform to the same facts.
 */
public final class Journeys {
    private Journeys() {}

    public static Map<String, Object> r(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** Care First's export of the journey (client 1001, worker 11). */
    public static DropBuilder careFirst(Path landing, LocalDate extract) {
        return careFirst(new DropBuilder(landing, "carefirst", extract, "FULL"), 1001, 11, 0, "Amy", "Smith", "01/05/2010");
    }

    /** Adds the journey to a Care First drop: record ids are the defaults plus {@code o}. */
    public static DropBuilder careFirst(DropBuilder b, int client, int worker, int o, String forename, String surname, String dob) {
        return b
                .row("CLIENTS", r("CLIENT_NO", client, "SURNAME", surname, "FORENAMES", forename, "DATE_OF_BIRTH", dob, "DOB_ESTIMATED", "N",
                        "GENDER", "Female", "ETHNICITY", "White British", "ENTERED_ON", "01/06/2015 10:00"))
                .row("WORKERS", r("WORKER_ID", worker, "NAME", "Worker, Sam", "JOB_TITLE", "Social Worker", "TEAM", "AREA1", "EMPLOYMENT", "Permanent",
                        "FTE", "1.0", "QUALIFIED", "Y", "START_DATE", "01/01/2010"))
                .row("CONTACTS", r("CONTACT_NO", 5001 + o, "CLIENT_NO", client, "CONTACT_DATE", "01/06/2015", "SOURCE", "Police",
                        "OUTCOME", "Referral to Social Care", "TEAM", "AREA1", "WORKER_ID", worker, "ENTERED_ON", "01/06/2015 10:00"))
                .row("REFERRALS", r("REFERRAL_NO", 6001 + o, "CLIENT_NO", client, "CONTACT_NO", 5001 + o, "REFERRAL_DATE", "01/06/2015", "SOURCE", "Police",
                        "PRIMARY_NEED", "Abuse or neglect", "NFA", "N", "CLOSE_DATE", "15/01/2016", "CLOSE_REASON", "Services ceased for any other reason",
                        "TEAM", "Locality 1", "WORKER_ID", worker, "ENTERED_ON", "01/06/2015 11:00"))
                .row("ASSESSMENTS", r("ASSESSMENT_NO", 7001 + o, "CLIENT_NO", client, "REFERRAL_NO", 6001 + o, "ASSESSMENT_TYPE", "Single Assessment",
                        "START_DATE", "02/06/2015", "COMPLETED_DATE", "15/07/2015", "AUTHORISED_DATE", "20/07/2015", "STATUS", "Authorised",
                        "CHILD_SEEN", "Y", "OUTCOME", "Strategy / CP", "TEAM", "AREA1", "WORKER_ID", worker, "ENTERED_ON", "02/06/2015 09:00"))
                .row("S47_ENQUIRIES", r("S47_NO", 8001 + o, "CLIENT_NO", client, "REFERRAL_NO", 6001 + o, "STRATEGY_DATE", "03/06/2015", "START_DATE", "03/06/2015",
                        "END_DATE", "15/06/2015", "OUTCOME", "ICPC Required", "TEAM", "AREA1", "WORKER_ID", worker, "ENTERED_ON", "03/06/2015 09:00"))
                .row("CONFERENCES", r("CONFERENCE_NO", 9001 + o, "CLIENT_NO", client, "S47_NO", 8001 + o, "CONFERENCE_TYPE", "Initial", "DUE_DATE", "24/06/2015",
                        "CONFERENCE_DATE", "24/06/2015", "OUTCOME", "Plan", "ENTERED_ON", "24/06/2015 15:00"))
                .row("CONFERENCES", r("CONFERENCE_NO", 9002 + o, "CLIENT_NO", client, "CONFERENCE_TYPE", "Review", "DUE_DATE", "24/09/2015",
                        "CONFERENCE_DATE", "10/09/2015", "OUTCOME", "Continue Plan", "ENTERED_ON", "10/09/2015 15:00"))
                .row("REGISTRATIONS", r("REGISTRATION_NO", 9101 + o, "CLIENT_NO", client, "CONFERENCE_NO", 9001 + o, "START_DATE", "24/06/2015",
                        "END_DATE", "30/09/2015", "CATEGORY", "Neglect", "LATEST_CATEGORY", "Neglect", "ENTERED_ON", "24/06/2015 15:00"))
                .row("CASE_NOTES", r("NOTE_NO", 9201 + o, "CLIENT_NO", client, "NOTE_DATE", "01/07/2015", "NOTE_TYPE", "Statutory Visit - CP",
                        "SUBJECT", "CP visit", "CHILD_SEEN", "Y", "SEEN_ALONE", "Y", "WORKER_ID", worker, "ENTERED_ON", "02/07/2015 09:00"))
                .row("LAC_EPISODES", r("EPISODE_NO", 9301 + o, "CLIENT_NO", client, "START_DATE", "01/10/2015", "END_DATE", "01/11/2015",
                        "START_REASON", "Started to be looked after", "LEGAL_STATUS", "Section 20", "PLACEMENT_TYPE", "FOST-LA",
                        "PLACEMENT_PROVIDER", "Own LA", "PLACEMENT_POSTCODE", "ZZ99 1AA", "DISTANCE_MILES", "5", "END_REASON", "Change of legal status",
                        "CATEGORY_OF_NEED", "Abuse or neglect", "ENTERED_ON", "01/10/2015 12:00"))
                .row("LAC_EPISODES", r("EPISODE_NO", 9302 + o, "CLIENT_NO", client, "START_DATE", "01/11/2015",
                        "START_REASON", "Change of legal status", "LEGAL_STATUS", "Interim Care Order", "PLACEMENT_TYPE", "FOST-LA",
                        "PLACEMENT_PROVIDER", "Own LA", "PLACEMENT_POSTCODE", "ZZ99 1AA", "DISTANCE_MILES", "5 miles",
                        "CATEGORY_OF_NEED", "Abuse or neglect", "ENTERED_ON", "01/11/2015 12:00"))
                .row("HEALTH", r("HEALTH_NO", 9401 + o, "CLIENT_NO", client, "CHECK_TYPE", "Initial Health Assessment", "DUE_DATE", "29/10/2015",
                        "CHECK_DATE", "20/10/2015", "STATUS", "Completed", "ENTERED_ON", "21/10/2015 09:00"))
                .row("ALLOCATIONS", r("ALLOCATION_NO", 9501 + o, "CLIENT_NO", client, "WORKER_ID", worker, "ROLE", "Allocated Social Worker", "START_DATE", "01/06/2015"))
                .row("CARE_LEAVERS", r("CONTACT_NO", 9701 + o, "CLIENT_NO", client, "CONTACT_DATE", "10/01/2016", "IN_TOUCH", "Yes",
                        "ACCOMMODATION", "Semi-independent", "ACCOMMODATION_SUITABLE", "Y", "ACTIVITY", "NEET - other", "ENTERED_ON", "10/01/2016 12:00"))
                .row("CAF", r("CAF_NO", 9601 + o, "CLIENT_NO", client, "START_DATE", "01/03/2015", "END_DATE", "01/05/2015", "LEAD_AGENCY", "School",
                        "AREA", "AREA 1", "END_REASON", "Stepped up"));
    }

    private static String ts(String date) { return date + " 09:30:00.000"; }

    /** The departments Liquid Logic's journeys refer to. */
    public static DropBuilder departments(DropBuilder b) {
        return b.row("DIM_DEPARTMENT", r("DIM_DEPARTMENT_ID", 1, "NAME", "Locality Team 1", "DEPT_TYPE_DESCRIPTION", "Area 1"))
                .row("DIM_DEPARTMENT", r("DIM_DEPARTMENT_ID", 2, "NAME", "Safeguarding Unit", "DEPT_TYPE_DESCRIPTION", "Authority-wide"))
                .row("DIM_DEPARTMENT", r("DIM_DEPARTMENT_ID", 4, "NAME", "Early Help Area 1", "DEPT_TYPE_DESCRIPTION", "Area 1"));
    }

    /**
     * Adds Liquid Logic's record of the same journey: record ids are the defaults plus {@code o};
     * {@code legacyClient} / {@code legacyWorker} set when the child / worker was migrated from Care First.
     */
    public static DropBuilder liquidLogic(DropBuilder b, int person, int worker, Integer legacyClient, Integer legacyWorker, int o,
                                          String forename, String surname, String dob) {
        return b
                .row("DIM_PERSON", r("DIM_PERSON_ID", person, "LEGACY_ID", legacyClient != null ? legacyClient.toString() : "NULL", "FORENAME", forename, "SURNAME", surname,
                        "BIRTH_DTTM", dob + " 00:00:00.000", "DOB_ESTIMATED", "N", "GENDER_MAIN_CODE", "F", "ETHNICITY_MAIN_CODE", "WBRI", "IS_CLIENT", "Y"))
                .row("DIM_WORKER", r("DIM_WORKER_ID", worker, "STAFF_ID", "S" + worker, "LEGACY_WORKER_ID", legacyWorker != null ? legacyWorker.toString() : "NULL", "FORENAME", "Sam",
                        "SURNAME", "Worker", "JOB_TITLE", "Social Worker", "DIM_DEPARTMENT_ID", 1, "FULL_TIME_EQUIVALENCY", "1.0",
                        "WORKER_ID_CODE", "SW123", "EMPLOYMENT_TYPE_DESC", "Permanent", "START_DTTM", ts("2010-01-01")))
                .row("FACT_CONTACTS", r("FACT_CONTACT_ID", 70001 + o, "DIM_PERSON_ID", person, "CONTACT_DTTM", ts("2015-06-01"), "DIM_LOOKUP_CONT_SORC_ID", "6",
                        "OUTCOME_NEW_REFERRAL_FLAG", "Y", "OUTCOME_EXISTING_REFERRAL_FLAG", "N", "OUTCOME_CP_ENQUIRY_FLAG", "N", "OUTCOME_NFA_FLAG", "N",
                        "OUTCOME_ADVICE_FLAG", "N", "OUTCOME_EARLY_HELP_FLAG", "0", "DIM_DEPARTMENT_ID", 1, "DIM_WORKER_ID", worker, "CREATED_DTTM", ts("2015-06-01")))
                .row("FACT_REFERRALS", r("FACT_REFERRAL_ID", 71001 + o, "DIM_PERSON_ID", person, "FACT_CONTACT_ID", 70001 + o, "REFRL_START_DTTM", ts("2015-06-01"),
                        "REFRL_END_DTTM", ts("2016-01-15"), "DIM_LOOKUP_CATEGORY_OF_NEED_CODE", "N1 Abuse or neglect", "DIM_LOOKUP_CONT_SORC_ID", "6",
                        "OUTCOME_NFA_FLAG", "N", "OUTCOME_SINGLE_ASSESSMENT_FLAG", "Y", "OUTCOME_STRATEGY_DISCUSSION_FLAG", "Y",
                        "DIM_LOOKUP_REFRL_ENDRSN_ID_CODE", "RC7", "DIM_DEPARTMENT_ID", 1, "DIM_WORKER_ID", worker, "CREATED_DTTM", ts("2015-06-01")))
                .row("FACT_SINGLE_ASSESSMENT", r("FACT_SINGLE_ASSESSMENT_ID", 72001 + o, "DIM_PERSON_ID", person, "FACT_REFERRAL_ID", 71001 + o, "FACT_FORM_ID", 72901 + o,
                        "START_DTTM", ts("2015-06-02"), "DIM_LOOKUP_STEP_SUBSTATUS_CODE", "C", "OUTCOME_NFA_FLAG", "N", "COMPLETED_BY_DEPT_ID", 1,
                        "COMPLETED_BY_USER_ID", worker, "CREATED_DTTM", ts("2015-06-02")))
                .row("FACT_FORM_ANSWERS", r("FACT_FORM_ID", 72901 + o, "ANSWER_NO", "FormEndDate", "ANSWER", "20/07/2015"))
                .row("FACT_FORM_ANSWERS", r("FACT_FORM_ID", 72901 + o, "ANSWER_NO", "seenYN", "ANSWER", "Yes"))
                .row("FACT_MEETINGS", r("FACT_MEETING_ID", 73001 + o, "DIM_PERSON_ID", person, "FACT_REFERRAL_ID", 71001 + o, "DIM_LOOKUP_MTG_TYPE_ID_CODE", "StratDisc",
                        "DUE_DTTM", ts("2015-06-03"), "ACTUAL_DTTM", ts("2015-06-03"), "CANCELLED", "N", "CREATED_DTTM", ts("2015-06-03")))
                .row("FACT_MEETINGS", r("FACT_MEETING_ID", 73002 + o, "DIM_PERSON_ID", person, "FACT_REFERRAL_ID", 71001 + o, "DIM_LOOKUP_MTG_TYPE_ID_CODE", "CPConference",
                        "DUE_DTTM", ts("2015-06-24"), "ACTUAL_DTTM", ts("2015-06-24"), "CANCELLED", "N", "CREATED_DTTM", ts("2015-06-24")))
                .row("FACT_S47", r("FACT_S47_ID", 74001 + o, "DIM_PERSON_ID", person, "FACT_REFERRAL_ID", 71001 + o, "FACT_STRAT_MEETING_ID", 73001 + o,
                        "START_DTTM", ts("2015-06-03"), "END_DTTM", ts("2015-06-15"), "OUTCOME_NFA_FLAG", "N", "OUTCOME_CP_CONFERENCE_FLAG", "Y",
                        "COMPLETED_BY_DEPT_ID", 1, "COMPLETED_BY_USER_STAFF_ID", worker, "CREATED_DTTM", ts("2015-06-03")))
                .row("FACT_CP_CONFERENCE", r("FACT_CP_CONFERENCE_ID", 75001 + o, "FACT_MEETING_ID", 73002 + o, "DIM_PERSON_ID", person, "FACT_S47_ID", 74001 + o,
                        "FACT_REFERRAL_ID", 71001 + o, "TRANSFER_IN_FLAG", "N", "DUE_DTTM", ts("2015-06-24"), "OUTCOME_CP_FLAG", "Y", "ORGANISED_BY_DEPT_ID", 2))
                .row("FACT_CP_PLAN", r("FACT_CP_PLAN_ID", 76001 + o, "DIM_PERSON_ID", person, "FACT_REFERRAL_ID", 71001 + o, "FACT_INITIAL_CP_CONFERENCE_ID", 75001 + o,
                        "START_DTTM", ts("2015-06-24"), "END_DTTM", ts("2015-09-30"), "INIT_CATEGORY_DESC", "Neglect", "CP_CATEGORY_DESC", "Neglect",
                        "IS_OLA", "N", "CREATED_DTTM", ts("2015-06-24")))
                .row("FACT_CP_REVIEW", r("FACT_CP_REVIEW_ID", 77001 + o, "FACT_CP_PLAN_ID", 76001 + o, "DIM_PERSON_ID", person, "DUE_DTTM", ts("2015-09-24"),
                        "MEETING_DTTM", ts("2015-09-10"), "OUTCOME_CONTINUE_CP_FLAG", "Y"))
                .row("FACT_CASENOTES", r("FACT_CASENOTE_ID", 78001 + o, "DIM_PERSON_ID", person, "EVENT_DTTM", ts("2015-07-01"), "DIM_LOOKUP_CASNT_TYPE_ID_CODE", "STVC",
                        "SUBJECT", "CP visit", "SEEN_FLAG", "1", "SEEN_ALONE_FLAG", "1", "DIM_WORKER_ID", worker, "CREATED_DTTM", ts("2015-07-02")))
                .row("FACT_CP_VISIT", r("FACT_CP_VISIT_ID", 78501 + o, "FACT_CASENOTE_ID", 78001 + o, "FACT_CP_PLAN_ID", 76001 + o))
                .row("FACT_CLA", r("FACT_CLA_ID", 79001 + o, "DIM_PERSON_ID", person, "FACT_REFERRAL_ID", 71001 + o, "START_DTTM", ts("2015-10-01"), "HOME_POSTCODE", "ZZ99 9ZZ"))
                .row("FACT_CARE_EPISODES", r("FACT_CARE_EPISODES_ID", 79101 + o, "FACT_CLA_ID", 79001 + o, "DIM_PERSON_ID", person, "FACT_CLA_PLACEMENT_ID", 79301 + o,
                        "CARE_START_DATE", "2015-10-01", "CARE_END_DATE", "2015-11-01", "CARE_REASON_DESC", "Started to be looked after",
                        "CARE_REASON_END_DESC", "Episode ceases and new episode begins on same day", "CIN_903_CODE", "N1"))
                .row("FACT_CARE_EPISODES", r("FACT_CARE_EPISODES_ID", 79102 + o, "FACT_CLA_ID", 79001 + o, "DIM_PERSON_ID", person, "FACT_CLA_PLACEMENT_ID", 79301 + o,
                        "CARE_START_DATE", "2015-11-01", "CARE_REASON_DESC", "Change of legal status only", "CIN_903_CODE", "N1"))
                .row("FACT_LEGAL_STATUS", r("FACT_LEGAL_STATUS_ID", 79201 + o, "DIM_PERSON_ID", person,
                        "DIM_LOOKUP_LGL_STATUS_DESC", "Single period of accommodation under section 20", "START_DTTM", ts("2015-10-01"), "END_DTTM", ts("2015-11-01")))
                .row("FACT_LEGAL_STATUS", r("FACT_LEGAL_STATUS_ID", 79202 + o, "DIM_PERSON_ID", person,
                        "DIM_LOOKUP_LGL_STATUS_DESC", "Interim care order", "START_DTTM", ts("2015-11-01")))
                .row("FACT_CLA_PLACEMENT", r("FACT_CLA_PLACEMENT_ID", 79301 + o, "FACT_CLA_ID", 79001 + o, "DIM_PERSON_ID", person, "START_DTTM", ts("2015-10-01"),
                        "DIM_LOOKUP_PLACEMENT_TYPE_CODE", "U4", "DIM_LOOKUP_PLACEMENT_PROVIDER_CODE", "PR1", "POSTCODE", "ZZ99 1AA", "DISTANCE_FROM_HOME", "5"))
                .row("FACT_HEALTH_CHECK", r("FACT_HEALTH_CHECK_ID", 79401 + o, "DIM_PERSON_ID", person, "DIM_LOOKUP_EVENT_TYPE_DESC", "Initial Health Assessment",
                        "DUE_DTTM", ts("2015-10-29"), "START_DTTM", ts("2015-10-20"), "DIM_LOOKUP_EXAM_STATUS_DESC", "Completed", "CREATED_DTTM", ts("2015-10-21")))
                .row("FACT_INVOLVEMENTS", r("FACT_INVOLVEMENTS_ID", 79501 + o, "DIM_PERSON_ID", person, "DIM_WORKER_ID", worker, "DIM_DEPARTMENT_ID", 1,
                        "DIM_LOOKUP_INVOLVEMENT_TYPE_CODE", "CW", "IS_ALLOCATED_CW_FLAG", "Y", "START_DTTM", ts("2015-06-01"), "FACT_REFERRAL_ID", 71001 + o))
                .row("FACT_CLA_CARE_LEAVERS", r("FACT_CLA_CARE_LEAVERS_ID", 79701 + o, "DIM_PERSON_ID", person, "IN_TOUCH_DTTM", ts("2016-01-10"),
                        "DIM_LOOKUP_IN_TOUCH_CODE_CODE", "YES", "DIM_LOOKUP_ACCOMMODATION_CODE", "D1", "DIM_LOOKUP_ACCOMMODATION_SUITABLE_DESC", "Suitable",
                        "DIM_LOOKUP_MAIN_ACTIVITY_CODE", "G5"))
                .row("DIM_CLA_ELIGIBILITY", r("DIM_PERSON_ID", person, "DIM_LOOKUP_ELIGIBILITY_STATUS_DESC", "Former relevant",
                        "LAST_UPDATED_DTTM", ts("2016-01-10")))
                .row("FACT_CAF_EPISODE", r("FACT_CAF_EPISODE_ID", 79601 + o, "DIM_PERSON_ID", person, "EPISODE_START_DTTM", ts("2015-03-01"),
                        "EPISODE_END_DTTM", ts("2015-05-01"), "START_REASON", "Contact - early help", "DIM_LOOKUP_CAF_EP_ENDRSN_ID_CODE", "SU",
                        "DIM_LOOKUP_ORIGINATING_ORGANISATION_CODE", "SCH", "DIM_DEPARTMENT_ID", 4));
    }
}
