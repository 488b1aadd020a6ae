package org.csc.etl.conform;

import java.util.List;

import static org.csc.etl.conform.ConformSql.allocatedTeam;
import static org.csc.etl.conform.ConformSql.cfReferralKey;
import static org.csc.etl.conform.ConformSql.child;
import static org.csc.etl.conform.ConformSql.dept;
import static org.csc.etl.conform.ConformSql.key;
import static org.csc.etl.conform.ConformSql.lineage;
import static org.csc.etl.conform.ConformSql.systemOfRecord;
import static org.csc.etl.conform.ConformSql.table;
import static org.csc.etl.conform.ConformSql.twinKey;
import static org.csc.etl.conform.ConformSql.worker;
import static org.csc.etl.conform.ConformSql.workerTeamAt;

/**
 * Child protection: initial conferences (review conferences are fct_cp_review in both systems),
 * plans, reviews, and case notes as visits. Plans and reviews belong to the team of the child's
 * allocated worker at their date; conferences to the organising team; visits to the visiting
 * worker's team at the visit date.
 */
final class ConformProtection {
    private ConformProtection() {}

    static final List<ConformSql.Step> STEPS = List.of(
            table("fct_conference", """
                    WITH ll AS (
                      SELECT %s AS conference_key, m.child_key, coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area,
                             CAST(NULL AS STRING) AS worker_key, %s AS s47_key, %s AS referral_key,
                             CASE WHEN c.transfer_in_flag THEN 'TRANSFER_IN' ELSE 'ICPC' END AS conference_type,
                             to_date(coalesce(c.due_dttm, mt.due_dttm)) AS due_date, to_date(mt.actual_dttm) AS conference_date,
                             to_date(sd.actual_dttm) AS strategy_date, coalesce(c.outcome_cp_flag, false) AS results_in_plan,
                             %s, c._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_cp_conference c
                      LEFT JOIN stg_liquidlogic__fact_meetings mt ON mt.fact_meeting_id = c.fact_meeting_id
                      LEFT JOIN stg_liquidlogic__fact_s47 s ON s.fact_s47_id = c.fact_s47_id
                      LEFT JOIN stg_liquidlogic__fact_meetings sd ON sd.fact_meeting_id = s.fact_strat_meeting_id
                      %s %s),
                    cf AS (
                      SELECT %s AS conference_key, m.child_key, team_of('${conference_team}') AS team, area_of('${conference_team}') AS area,
                             CAST(NULL AS STRING) AS worker_key, %s AS s47_key, %s AS referral_key,
                             coalesce(code_of('carefirst', 'CONFERENCES.CONFERENCE_TYPE', c.conference_type), 'UNKNOWN') AS conference_type,
                             c.due_date, c.conference_date, s.strategy_date,
                             coalesce(code_of('carefirst', 'CONFERENCES.OUTCOME', c.outcome) = 'PLAN', false) AS results_in_plan, %s
                      FROM stg_carefirst__conferences c LEFT JOIN stg_carefirst__s47_enquiries s ON s.s47_no = c.s47_no %s
                      WHERE coalesce(code_of('carefirst', 'CONFERENCES.CONFERENCE_TYPE', c.conference_type), 'UNKNOWN') <> 'RCPC')
                    %s
                    """.formatted(key("liquidlogic", "c.fact_cp_conference_id"), key("liquidlogic", "c.fact_s47_id"), key("liquidlogic", "c.fact_referral_id"),
                    lineage("liquidlogic", "c", "c.fact_cp_conference_id", "coalesce(mt.created_dttm, c.last_updated_dttm)"),
                    child("liquidlogic", "m", "c.dim_person_id"), dept("t", "c.organised_by_dept_id"),
                    key("carefirst", "c.conference_no"), twinKey("fct_s47", key("carefirst", "c.s47_no")), cfReferralKey("s.referral_no"),
                    lineage("carefirst", "c", "c.conference_no", "c.entered_on"), child("carefirst", "m", "c.client_no"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.conference_date = cf.conference_date AND ll.conference_type = cf.conference_type"))),
            table("fct_cp_plan", """
                    WITH ll AS (
                      SELECT %s AS plan_key, m.child_key, %s AS referral_key, %s AS conference_key,
                             to_date(p.start_dttm) AS start_date, to_date(p.end_dttm) AS end_date,
                             code_of('liquidlogic', 'FACT_CP_PLAN.CATEGORY_DESC', p.init_category_desc) AS initial_category,
                             code_of('liquidlogic', 'FACT_CP_PLAN.CATEGORY_DESC', p.cp_category_desc) AS latest_category,
                             coalesce(p.is_ola, false) AS is_ola, %s, p._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_cp_plan p %s),
                    cf AS (
                      SELECT %s AS plan_key, m.child_key, %s AS referral_key, %s AS conference_key, r.start_date, r.end_date,
                             code_of('carefirst', 'REGISTRATIONS.CATEGORY', r.category) AS initial_category,
                             code_of('carefirst', 'REGISTRATIONS.CATEGORY', coalesce(r.latest_category, r.category)) AS latest_category,
                             false AS is_ola, %s
                      FROM stg_carefirst__registrations r
                      LEFT JOIN stg_carefirst__conferences c ON c.conference_no = r.conference_no
                      LEFT JOIN stg_carefirst__s47_enquiries s ON s.s47_no = c.s47_no %s),
                    base AS (%s)
                    %s
                    """.formatted(key("liquidlogic", "p.fact_cp_plan_id"), key("liquidlogic", "p.fact_referral_id"),
                    key("liquidlogic", "p.fact_initial_cp_conference_id"),
                    lineage("liquidlogic", "p", "p.fact_cp_plan_id", "p.created_dttm"), child("liquidlogic", "m", "p.dim_person_id"),
                    key("carefirst", "r.registration_no"), cfReferralKey("s.referral_no"), twinKey("fct_conference", key("carefirst", "r.conference_no")),
                    lineage("carefirst", "r", "r.registration_no", "r.entered_on"), child("carefirst", "m", "r.client_no"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.start_date = cf.start_date"),
                    allocatedTeam("base", "plan_key", "start_date"))),
            table("fct_cp_review", """
                    WITH ll AS (
                      SELECT %s AS review_key, m.child_key, %s AS plan_key, to_date(r.due_dttm) AS due_date, to_date(r.meeting_dttm) AS review_date,
                             coalesce(r.outcome_continue_cp_flag, true) AS continue_plan, %s, r._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_cp_review r %s),
                    cfr AS (
                      SELECT c.*, m.child_key FROM stg_carefirst__conferences c %s
                      WHERE code_of('carefirst', 'CONFERENCES.CONFERENCE_TYPE', c.conference_type) = 'RCPC'),
                    cfp AS (SELECT %s AS plan_key, m.child_key, r.start_date, r.end_date FROM stg_carefirst__registrations r %s),
                    cf AS (
                      SELECT %s AS review_key, c.child_key,
                             max_by(p.plan_key, p.start_date) AS plan_key, first(c.due_date) AS due_date, first(c.conference_date) AS review_date,
                             first(coalesce(code_of('carefirst', 'CONFERENCES.OUTCOME', c.outcome), '') <> 'END') AS continue_plan,
                             'carefirst' AS source_system, CAST(c.conference_no AS STRING) AS source_key,
                             first(c.entered_on) AS recorded_at, first(c._drop) AS last_drop
                      FROM cfr c LEFT JOIN cfp p ON p.child_key = c.child_key AND p.start_date <= c.conference_date
                        AND (p.end_date IS NULL OR p.end_date >= c.conference_date)
                      GROUP BY c.conference_no, c.child_key),
                    base AS (%s)
                    %s
                    """.formatted(key("liquidlogic", "r.fact_cp_review_id"), key("liquidlogic", "r.fact_cp_plan_id"),
                    lineage("liquidlogic", "r", "r.fact_cp_review_id", "r.last_updated_dttm"), child("liquidlogic", "m", "r.dim_person_id"),
                    child("carefirst", "m", "c.client_no"), twinKey("fct_cp_plan", key("carefirst", "r.registration_no")),
                    child("carefirst", "m", "r.client_no"), key("carefirst", "c.conference_no"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.review_date = cf.review_date"),
                    allocatedTeam("base", "review_key", "review_date"))),
            table("fct_visit", """
                    WITH cpv AS (SELECT fact_casenote_id, max(fact_cp_plan_id) AS plan_id FROM stg_liquidlogic__fact_cp_visit GROUP BY fact_casenote_id),
                    clav AS (SELECT fact_casenote_id, max(fact_cla_id) AS cla_id FROM stg_liquidlogic__fact_cla_visit GROUP BY fact_casenote_id),
                    ll0 AS (
                      SELECT %s AS visit_key, m.child_key, w.worker_key, to_date(n.event_dttm) AS visit_date,
                             coalesce(code_of('liquidlogic', 'FACT_CASENOTES.DIM_LOOKUP_CASNT_TYPE_ID_CODE', n.dim_lookup_casnt_type_id_code), 'UNKNOWN') AS note_type_code,
                             n.seen_flag AS child_seen, n.seen_alone_flag AS seen_alone, n.subject,
                             %s AS plan_key, %s AS period_key, %s, n._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_casenotes n LEFT JOIN cpv ON cpv.fact_casenote_id = n.fact_casenote_id
                      LEFT JOIN clav ON clav.fact_casenote_id = n.fact_casenote_id %s %s),
                    cf0 AS (
                      SELECT %s AS visit_key, m.child_key, w.worker_key, n.note_date AS visit_date,
                             coalesce(code_of('carefirst', 'CASE_NOTES.NOTE_TYPE', n.note_type), 'UNKNOWN') AS note_type_code,
                             n.child_seen, n.seen_alone, n.subject, CAST(NULL AS STRING) AS plan_key, CAST(NULL AS STRING) AS period_key, %s
                      FROM stg_carefirst__case_notes n %s %s),
                    ll AS (
                      SELECT x.visit_key, x.child_key, coalesce(dw.team, 'UNKNOWN') AS team, coalesce(dw.area, 'UNKNOWN') AS area, x.worker_key,
                             x.visit_date, x.note_type_code, x.note_type_code IN ('STVC', 'STVL', 'STAT') AS is_statutory,
                             CASE x.note_type_code WHEN 'STVC' THEN 'CP' WHEN 'STVL' THEN 'LAC' WHEN 'STAT' THEN 'ANY' END AS visit_kind,
                             x.child_seen, x.seen_alone, x.subject, x.plan_key, x.period_key, x.source_system, x.source_key, x.recorded_at, x.last_drop, x._deleted
                      FROM ll0 x %s),
                    cf AS (
                      SELECT x.visit_key, x.child_key, coalesce(dw.team, 'UNKNOWN') AS team, coalesce(dw.area, 'UNKNOWN') AS area, x.worker_key,
                             x.visit_date, x.note_type_code, x.note_type_code IN ('STVC', 'STVL', 'STAT') AS is_statutory,
                             CASE x.note_type_code WHEN 'STVC' THEN 'CP' WHEN 'STVL' THEN 'LAC' WHEN 'STAT' THEN 'ANY' END AS visit_kind,
                             x.child_seen, x.seen_alone, x.subject, x.plan_key, x.period_key, x.source_system, x.source_key, x.recorded_at, x.last_drop
                      FROM cf0 x %s)
                    %s
                    """.formatted(key("liquidlogic", "n.fact_casenote_id"), key("liquidlogic", "cpv.plan_id"), key("liquidlogic", "clav.cla_id"),
                    lineage("liquidlogic", "n", "n.fact_casenote_id", "n.created_dttm"),
                    child("liquidlogic", "m", "n.dim_person_id"), worker("liquidlogic", "w", "n.dim_worker_id"),
                    key("carefirst", "n.note_no"), lineage("carefirst", "n", "n.note_no", "n.entered_on"),
                    child("carefirst", "m", "n.client_no"), worker("carefirst", "w", "n.worker_id"),
                    workerTeamAt("dw", "x.worker_key", "x.visit_date"), workerTeamAt("dw", "x.worker_key", "x.visit_date"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.visit_date = cf.visit_date "
                            + "AND coalesce(ll.visit_kind, ll.note_type_code) = coalesce(cf.visit_kind, cf.note_type_code)")))
    );
}
