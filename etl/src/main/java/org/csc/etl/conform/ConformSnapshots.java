package org.csc.etl.conform;

import java.util.List;

import static org.csc.etl.conform.ConformSql.cached;
import static org.csc.etl.conform.ConformSql.table;

/**
 * Manual and HR sources, then the snapshot facts: each child open to the service at each month
 * end, each worker's caseload at each week end (Sunday), up to the newest extract applied.
 * "Open at D" follows KPI_DEFINITIONS: started on or before D and not ended on or before D.
 */
final class ConformSnapshots {
    private ConformSnapshots() {}

    static final List<ConformSql.Step> STEPS = List.of(
            table("fct_icpc_log", """
                    SELECT CAST(l._line AS BIGINT) AS log_key, m.child_key, l.strategy_date, l.icpc_date, l.within_15_days AS within_15_days_logged,
                           l.comments, 'manual' AS source_system, CAST(l._line AS STRING) AS source_key, CAST(NULL AS TIMESTAMP) AS recorded_at,
                           l._drop AS last_drop
                    FROM stg_manual__icpc_tracker l LEFT JOIN map_child m ON m.system = l.ref_system AND m.source_id = l.ref_id
                    """),
            table("fct_sickness", """
                    SELECT last_day(to_date(concat(month, '-01'))) AS month_end, service, fte, days_lost,
                           'hr' AS source_system, CAST(_line AS STRING) AS source_key, CAST(NULL AS TIMESTAMP) AS recorded_at, _drop AS last_drop
                    FROM stg_hr__sickness
                    """),
            cached("int_asof", """
                    SELECT greatest(coalesce((SELECT max(_extract_date) FROM all_carefirst__clients), DATE '${calendar_first}'),
                                    coalesce((SELECT max(_extract_date) FROM all_liquidlogic__dim_person), DATE '${calendar_first}'),
                                    coalesce((SELECT max(_extract_date) FROM all_liquidlogic__fact_contacts), DATE '${calendar_first}')) AS asof
                    """),
            table("fct_child_month", """
                    WITH months AS (
                      SELECT DISTINCT month_end FROM dim_date WHERE month_end <= (SELECT last_day(asof) FROM int_asof)),
                    spans AS (
                      SELECT child_key, 'CIN' AS kind, referral_date AS s, close_date AS e FROM fct_referral
                      UNION ALL SELECT child_key, 'CP', start_date, end_date FROM fct_cp_plan
                      UNION ALL SELECT child_key, 'CLA', start_date, end_date FROM fct_period_of_care),
                    open AS (
                      SELECT m.month_end, s.child_key, max(s.kind = 'CIN') AS is_cin, max(s.kind = 'CP') AS is_cp, max(s.kind = 'CLA') AS in_care
                      FROM spans s JOIN months m ON s.s <= m.month_end AND (s.e IS NULL OR s.e > m.month_end)
                      WHERE s.child_key IS NOT NULL AND s.s IS NOT NULL
                      GROUP BY m.month_end, s.child_key),
                    legal AS (
                      SELECT o.month_end, o.child_key, max_by(l.legal_status_code, l.start_date) AS legal_status_code
                      FROM open o JOIN fct_legal_status l ON l.child_key = o.child_key AND l.start_date <= o.month_end
                       AND (l.end_date IS NULL OR l.end_date > o.month_end)
                      WHERE o.in_care GROUP BY o.month_end, o.child_key),
                    alloc AS (
                      SELECT o.month_end, o.child_key, max_by(named_struct('w', a.worker_key, 't', a.team, 'a', a.area), a.start_date) AS s
                      FROM open o JOIN int_counting_allocation a ON a.child_key = o.child_key AND a.start_date <= o.month_end
                       AND (a.end_date IS NULL OR a.end_date > o.month_end)
                      GROUP BY o.month_end, o.child_key)
                    SELECT o.month_end, o.child_key, o.is_cin, o.is_cp,
                           o.in_care AND coalesce(l.legal_status_code, '') NOT IN ('V3', 'V4') AS is_cla, l.legal_status_code,
                           a.s.w AS allocated_worker_key, coalesce(a.s.t, '${unallocated}') AS team, coalesce(a.s.a, '${unallocated}') AS area
                    FROM open o LEFT JOIN legal l ON l.month_end = o.month_end AND l.child_key = o.child_key
                    LEFT JOIN alloc a ON a.month_end = o.month_end AND a.child_key = o.child_key
                    """),
            table("fct_worker_week", """
                    WITH weeks AS (
                      SELECT date AS week_end FROM dim_date WHERE dayofweek(date) = 1 AND date <= date_add((SELECT asof FROM int_asof), 6)),
                    staff AS (
                      SELECT k.week_end, w.* FROM weeks k JOIN dim_worker w
                        ON (w.version = 1 OR w.valid_from <= k.week_end) AND (w.valid_to IS NULL OR k.week_end < w.valid_to)
                       AND (w.start_date IS NULL OR w.start_date <= k.week_end) AND (w.end_date IS NULL OR w.end_date > k.week_end)),
                    load AS (
                      SELECT k.week_end, a.worker_key, count(*) AS caseload
                      FROM weeks k JOIN int_counting_allocation a ON a.start_date <= k.week_end AND (a.end_date IS NULL OR a.end_date > k.week_end)
                      WHERE a.worker_key IS NOT NULL GROUP BY k.week_end, a.worker_key)
                    SELECT s.week_end, s.worker_key, s.team, s.area, s.job_title_code, s.fte, s.is_agency, s.is_qualified, s.is_social_worker,
                           coalesce(l.caseload, 0) AS caseload, s.max_caseload, coalesce(l.caseload, 0) > s.max_caseload AS over_max
                    FROM staff s LEFT JOIN load l ON l.week_end = s.week_end AND l.worker_key = s.worker_key
                    """)
    );
}
