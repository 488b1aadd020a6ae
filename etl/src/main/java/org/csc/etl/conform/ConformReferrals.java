package org.csc.etl.conform;

import java.util.List;

import static org.csc.etl.conform.ConformSql.cached;
import static org.csc.etl.conform.ConformSql.cfReferralKey;
import static org.csc.etl.conform.ConformSql.child;
import static org.csc.etl.conform.ConformSql.dept;
import static org.csc.etl.conform.ConformSql.key;
import static org.csc.etl.conform.ConformSql.lineage;
import static org.csc.etl.conform.ConformSql.systemOfRecord;
import static org.csc.etl.conform.ConformSql.table;
import static org.csc.etl.conform.ConformSql.twinKey;
import static org.csc.etl.conform.ConformSql.worker;

/** The front door: contacts, referrals, assessments, strategy discussions and section 47 enquiries. */
final class ConformReferrals {
    private ConformReferrals() {}

    static final List<ConformSql.Step> STEPS = List.of(
            table("fct_contact", """
                    WITH ll AS (
                      SELECT %s AS contact_key, m.child_key, to_date(c.contact_dttm) AS contact_date,
                             coalesce(code_of('liquidlogic', 'FACT_CONTACTS.DIM_LOOKUP_CONT_SORC_ID', c.dim_lookup_cont_sorc_id), 'UNKNOWN') AS source_code,
                             CASE WHEN c.outcome_new_referral_flag OR c.outcome_cp_enquiry_flag THEN 'NEW_REFERRAL'
                                  WHEN c.outcome_existing_referral_flag THEN 'EXISTING_REFERRAL'
                                  WHEN c.outcome_early_help_flag THEN 'EARLY_HELP'
                                  WHEN c.outcome_advice_flag THEN 'ADVICE'
                                  WHEN c.outcome_nfa_flag THEN 'NFA' ELSE 'UNKNOWN' END AS outcome_code,
                             coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area, w.worker_key,
                             %s, c._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_contacts c %s %s %s),
                    cf AS (
                      SELECT %s AS contact_key, m.child_key, c.contact_date,
                             coalesce(code_of('carefirst', 'SOURCE', c.source), 'UNKNOWN') AS source_code,
                             coalesce(code_of('carefirst', 'CONTACTS.OUTCOME', c.outcome), 'UNKNOWN') AS outcome_code,
                             team_of(c.team) AS team, area_of(c.team) AS area, w.worker_key, %s
                      FROM stg_carefirst__contacts c %s %s)
                    SELECT *, outcome_code = 'NEW_REFERRAL' AS is_new_referral FROM (%s)
                    """.formatted(key("liquidlogic", "c.fact_contact_id"), lineage("liquidlogic", "c", "c.fact_contact_id", "c.created_dttm"),
                    child("liquidlogic", "m", "c.dim_person_id"), worker("liquidlogic", "w", "c.dim_worker_id"), dept("t", "c.dim_department_id"),
                    key("carefirst", "c.contact_no"), lineage("carefirst", "c", "c.contact_no", "c.entered_on"),
                    child("carefirst", "m", "c.client_no"), worker("carefirst", "w", "c.worker_id"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.contact_date = cf.contact_date"))),
            table("fct_referral", """
                    WITH ll AS (
                      SELECT %s AS referral_key, m.child_key, coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area, w.worker_key,
                             %s AS contact_key, to_date(r.refrl_start_dttm) AS referral_date, to_date(r.refrl_end_dttm) AS close_date,
                             coalesce(code_of('liquidlogic', 'FACT_CONTACTS.DIM_LOOKUP_CONT_SORC_ID', r.dim_lookup_cont_sorc_id), 'UNKNOWN') AS source_code,
                             code_of('liquidlogic', 'FACT_REFERRALS.DIM_LOOKUP_CATEGORY_OF_NEED_CODE', %s) AS need_code,
                             coalesce(r.outcome_nfa_flag, false) AS is_nfa,
                             code_of('liquidlogic', 'FACT_REFERRALS.DIM_LOOKUP_REFRL_ENDRSN_ID_CODE', r.dim_lookup_refrl_endrsn_id_code) AS close_reason_code,
                             %s, r._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_referrals r %s %s %s),
                    cf AS (
                      SELECT %s AS referral_key, m.child_key, team_of(r.team) AS team, area_of(r.team) AS area, w.worker_key,
                             %s AS contact_key, r.referral_date, r.close_date,
                             coalesce(code_of('carefirst', 'SOURCE', r.source), 'UNKNOWN') AS source_code,
                             code_of('carefirst', 'REFERRALS.PRIMARY_NEED', r.primary_need) AS need_code,
                             coalesce(r.nfa, false) AS is_nfa,
                             code_of('carefirst', 'REFERRALS.CLOSE_REASON', r.close_reason) AS close_reason_code, %s
                      FROM stg_carefirst__referrals r %s %s)
                    %s
                    """.formatted(key("liquidlogic", "r.fact_referral_id"), key("liquidlogic", "r.fact_contact_id"), ConformQuality.LL_NEED_CODE,
                    lineage("liquidlogic", "r", "r.fact_referral_id", "r.created_dttm"),
                    child("liquidlogic", "m", "r.dim_person_id"), worker("liquidlogic", "w", "r.dim_worker_id"), dept("t", "r.dim_department_id"),
                    key("carefirst", "r.referral_no"), twinKey("fct_contact", key("carefirst", "r.contact_no")), lineage("carefirst", "r", "r.referral_no", "r.entered_on"),
                    child("carefirst", "m", "r.client_no"), worker("carefirst", "w", "r.worker_id"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.referral_date = cf.referral_date"))),
            // Care First referrals whose event Liquid Logic also holds (the same match fct_referral uses):
            // Care First assessments, discussions and s47s of such a referral point to the kept twin.
            cached("int_referral_twin", """
                    SELECT r.referral_no, min(concat('LL-', l.fact_referral_id)) AS ll_key
                    FROM stg_carefirst__referrals r
                    JOIN map_child mc ON mc.system = 'carefirst' AND mc.source_id = r.client_no
                    JOIN map_child ml ON ml.child_key = mc.child_key AND ml.system = 'liquidlogic'
                    JOIN all_liquidlogic__fact_referrals l ON l.dim_person_id = ml.source_id AND to_date(l.refrl_start_dttm) = r.referral_date
                    GROUP BY r.referral_no
                    """),
            table("fct_assessment", """
                    WITH answers AS (
                      SELECT fact_form_id,
                             max(CASE WHEN answer_no = 'FormEndDate' THEN uk_date(answer) END) AS authorised_date,
                             max(CASE WHEN answer_no = 'seenYN' THEN CASE WHEN upper(trim(answer)) IN ('YES', 'Y') THEN 1
                                                                          WHEN upper(trim(answer)) IN ('NO', 'N') THEN 0 END END) AS seen
                      FROM stg_liquidlogic__fact_form_answers GROUP BY fact_form_id),
                    ll AS (
                      SELECT %s AS assessment_key, m.child_key, coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area, w.worker_key,
                             %s AS referral_key, 'SINGLE' AS assessment_type, to_date(a.start_dttm) AS start_date,
                             CAST(NULL AS DATE) AS completed_date, f.authorised_date,
                             coalesce(code_of('liquidlogic', 'FACT_SINGLE_ASSESSMENT.DIM_LOOKUP_STEP_SUBSTATUS_CODE', a.dim_lookup_step_substatus_code), 'UNKNOWN') AS status_code,
                             f.seen = 1 AS child_seen, coalesce(a.outcome_nfa_flag, false) AS outcome_nfa,
                             %s, a._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_single_assessment a LEFT JOIN answers f ON f.fact_form_id = a.fact_form_id %s %s %s),
                    cf AS (
                      SELECT %s AS assessment_key, m.child_key, team_of(a.team) AS team, area_of(a.team) AS area, w.worker_key,
                             %s AS referral_key, coalesce(code_of('carefirst', 'ASSESSMENTS.ASSESSMENT_TYPE', a.assessment_type), 'UNKNOWN') AS assessment_type,
                             a.start_date, a.completed_date, a.authorised_date,
                             coalesce(code_of('carefirst', 'ASSESSMENTS.STATUS', a.status), 'UNKNOWN') AS status_code,
                             a.child_seen, coalesce(a.outcome, '') ILIKE '%%no further action%%' AS outcome_nfa, %s
                      FROM stg_carefirst__assessments a %s %s)
                    SELECT *, status_code NOT IN ('D', 'X') AS is_counted FROM (%s)
                    """.formatted(key("liquidlogic", "a.fact_single_assessment_id"), key("liquidlogic", "a.fact_referral_id"),
                    lineage("liquidlogic", "a", "a.fact_single_assessment_id", "a.created_dttm"),
                    child("liquidlogic", "m", "a.dim_person_id"), worker("liquidlogic", "w", "a.completed_by_user_id"), dept("t", "a.completed_by_dept_id"),
                    key("carefirst", "a.assessment_no"), cfReferralKey("a.referral_no"), lineage("carefirst", "a", "a.assessment_no", "a.entered_on"),
                    child("carefirst", "m", "a.client_no"), worker("carefirst", "w", "a.worker_id"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.start_date = cf.start_date"))),
            // Liquid Logic records strategy discussions as meetings; Care First only as the s47's STRATEGY_DATE.
            table("fct_strategy_discussion", """
                    WITH s47 AS (SELECT fact_strat_meeting_id, max(completed_by_dept_id) AS dept, max(completed_by_user_staff_id) AS worker
                                 FROM stg_liquidlogic__fact_s47 WHERE fact_strat_meeting_id IS NOT NULL GROUP BY fact_strat_meeting_id),
                    ll AS (
                      SELECT %s AS discussion_key, m.child_key, coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area, w.worker_key,
                             %s AS referral_key, to_date(x.actual_dttm) AS discussion_date, to_date(x.due_dttm) AS due_date,
                             %s, x._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_meetings x LEFT JOIN s47 ON s47.fact_strat_meeting_id = x.fact_meeting_id
                      LEFT JOIN stg_liquidlogic__fact_referrals r ON r.fact_referral_id = x.fact_referral_id
                      %s %s %s
                      WHERE code_of('liquidlogic', 'FACT_MEETINGS.DIM_LOOKUP_MTG_TYPE_ID_CODE', x.dim_lookup_mtg_type_id_code) = 'STRAT'
                        AND NOT coalesce(x.cancelled, false)),
                    cf AS (
                      SELECT concat('CF-S47-', s.s47_no) AS discussion_key, m.child_key, team_of(s.team) AS team, area_of(s.team) AS area, w.worker_key,
                             %s AS referral_key, s.strategy_date AS discussion_date, CAST(NULL AS DATE) AS due_date, %s
                      FROM stg_carefirst__s47_enquiries s %s %s
                      WHERE s.strategy_date IS NOT NULL)
                    %s
                    """.formatted(key("liquidlogic", "x.fact_meeting_id"), key("liquidlogic", "x.fact_referral_id"),
                    lineage("liquidlogic", "x", "x.fact_meeting_id", "x.created_dttm"),
                    child("liquidlogic", "m", "x.dim_person_id"), worker("liquidlogic", "w", "coalesce(s47.worker, r.dim_worker_id)"),
                    dept("t", "coalesce(s47.dept, r.dim_department_id)"),
                    cfReferralKey("s.referral_no"), lineage("carefirst", "s", "s.s47_no", "s.entered_on"),
                    child("carefirst", "m", "s.client_no"), worker("carefirst", "w", "s.worker_id"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.discussion_date = cf.discussion_date"))),
            table("fct_s47", """
                    WITH ll AS (
                      SELECT %s AS s47_key, m.child_key, coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area, w.worker_key,
                             %s AS referral_key, %s AS discussion_key, to_date(sd.actual_dttm) AS strategy_date,
                             to_date(s.start_dttm) AS start_date, to_date(s.end_dttm) AS end_date,
                             CASE WHEN s.outcome_cp_conference_flag THEN 'ICPC' WHEN s.outcome_nfa_flag THEN 'NFA'
                                  WHEN s.end_dttm IS NOT NULL THEN 'CIN' END AS outcome_code,
                             %s, s._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_s47 s LEFT JOIN stg_liquidlogic__fact_meetings sd ON sd.fact_meeting_id = s.fact_strat_meeting_id
                      %s %s %s),
                    cf AS (
                      SELECT %s AS s47_key, m.child_key, team_of(s.team) AS team, area_of(s.team) AS area, w.worker_key,
                             %s AS referral_key, %s AS discussion_key,
                             s.strategy_date, s.start_date, s.end_date, code_of('carefirst', 'S47_ENQUIRIES.OUTCOME', s.outcome) AS outcome_code, %s
                      FROM stg_carefirst__s47_enquiries s %s %s)
                    %s
                    """.formatted(key("liquidlogic", "s.fact_s47_id"), key("liquidlogic", "s.fact_referral_id"), key("liquidlogic", "s.fact_strat_meeting_id"),
                    lineage("liquidlogic", "s", "s.fact_s47_id", "s.created_dttm"),
                    child("liquidlogic", "m", "s.dim_person_id"), worker("liquidlogic", "w", "s.completed_by_user_staff_id"), dept("t", "s.completed_by_dept_id"),
                    key("carefirst", "s.s47_no"), cfReferralKey("s.referral_no"),
                    twinKey("fct_strategy_discussion", "CASE WHEN s.strategy_date IS NULL THEN NULL ELSE concat('CF-S47-', s.s47_no) END"),
                    lineage("carefirst", "s", "s.s47_no", "s.entered_on"),
                    child("carefirst", "m", "s.client_no"), worker("carefirst", "w", "s.worker_id"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.start_date = cf.start_date")))
    );
}
