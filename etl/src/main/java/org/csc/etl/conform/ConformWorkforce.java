package org.csc.etl.conform;

import java.util.List;

import static org.csc.etl.conform.ConformSql.cached;
import static org.csc.etl.conform.ConformSql.child;
import static org.csc.etl.conform.ConformSql.dept;
import static org.csc.etl.conform.ConformSql.key;
import static org.csc.etl.conform.ConformSql.lineage;
import static org.csc.etl.conform.ConformSql.systemOfRecord;
import static org.csc.etl.conform.ConformSql.table;
import static org.csc.etl.conform.ConformSql.view;
import static org.csc.etl.conform.ConformSql.worker;
import static org.csc.etl.conform.ConformSql.workerTeamAt;

/**
 * Workers (one across both systems via LEGACY_WORKER_ID), their type 2 history, and the
 * allocations of workers to children that make caseloads and "team of the child at a date".
 */
final class ConformWorkforce {
    private ConformWorkforce() {}

    static final List<ConformSql.Step> STEPS = List.of(
            table("map_worker", """
                    WITH ll AS (SELECT dim_worker_id, try_cast(trim(legacy_worker_id) AS BIGINT) AS legacy FROM stg_liquidlogic__dim_worker),
                    claim AS (SELECT legacy, min(dim_worker_id) AS dim_worker_id FROM ll WHERE legacy IS NOT NULL GROUP BY legacy),
                    ids AS (
                      SELECT 'liquidlogic' AS system, ll.dim_worker_id AS source_id, concat('LL:', ll.dim_worker_id) AS identity,
                             CASE WHEN ll.legacy IS NULL THEN 'NEW_IN_LIQUIDLOGIC'
                                  WHEN cf.worker_id IS NOT NULL THEN 'LEGACY_WORKER_ID' ELSE 'LEGACY_WORKER_ID_NOT_FOUND' END AS rule
                      FROM ll LEFT JOIN stg_carefirst__workers cf ON cf.worker_id = ll.legacy
                      UNION ALL
                      SELECT 'carefirst', w.worker_id,
                             CASE WHEN c.dim_worker_id IS NOT NULL THEN concat('LL:', c.dim_worker_id) ELSE concat('CF:', w.worker_id) END,
                             CASE WHEN c.dim_worker_id IS NOT NULL THEN 'LEGACY_WORKER_ID' ELSE 'CF_ONLY' END
                      FROM stg_carefirst__workers w LEFT JOIN claim c ON c.legacy = w.worker_id)
                    SELECT system, source_id, concat('W', substr(sha2(concat('${salt}', identity), 256), 1, 16)) AS worker_key, rule FROM ids
                    """),
            // Versions: the Care First record until go-live, the Liquid Logic record from then (or from its start
            // for staff new in Liquid Logic). Within a system every drop that delivered the worker's row (its
            // history, stg_..._history) is an observation: the first starts at the start date (go-live for migrated
            // staff), a later one at the extract date of its drop; a version equal to the one before it is no
            // change and is folded in. Only workers that exist at source now are versioned.
            table("dim_worker", """
                    WITH cf_obs AS (
                      SELECT h.* FROM stg_carefirst__workers_history h LEFT SEMI JOIN stg_carefirst__workers w ON w.worker_id = h.worker_id
                      UNION ALL
                      SELECT w.* FROM stg_carefirst__workers w
                      LEFT ANTI JOIN stg_carefirst__workers_history h ON h.worker_id = w.worker_id AND h._drop = w._drop),
                    cf AS (
                      SELECT mw.worker_key, team_of(w.team) AS team, area_of(w.team) AS area,
                             coalesce(code_of('carefirst', 'WORKERS.JOB_TITLE', w.job_title), 'UNKNOWN') AS job_title_code,
                             coalesce(w.qualified, false) AS is_qualified, w.fte,
                             coalesce(code_of('carefirst', 'WORKERS.EMPLOYMENT', w.employment) = 'AGENCY', false) AS is_agency,
                             w.start_date, w.end_date, w._extract_date AS extract_date, w._drop AS drop_id,
                             coalesce(last(w.start_date) OVER (PARTITION BY mw.worker_key ORDER BY w._extract_date, w._drop
                                                               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                                      DATE '${calendar_first}') AS first_from,
                             'carefirst' AS source_system, CAST(w.worker_id AS STRING) AS source_key
                      FROM cf_obs w JOIN map_worker mw ON mw.system = 'carefirst' AND mw.source_id = w.worker_id),
                    ll_obs AS (
                      SELECT h.* FROM stg_liquidlogic__dim_worker_history h
                      LEFT SEMI JOIN stg_liquidlogic__dim_worker w ON w.dim_worker_id = h.dim_worker_id
                      UNION ALL
                      SELECT w.* FROM stg_liquidlogic__dim_worker w
                      LEFT ANTI JOIN stg_liquidlogic__dim_worker_history h ON h.dim_worker_id = w.dim_worker_id AND h._drop = w._drop),
                    ll_rows AS (
                      SELECT mw.worker_key, coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area,
                             coalesce(code_of('liquidlogic', 'DIM_WORKER.JOB_TITLE', w.job_title), 'UNKNOWN') AS job_title_code,
                             coalesce(trim(w.worker_id_code), '') <> '' AS is_qualified, w.full_time_equivalency AS fte,
                             coalesce(code_of('liquidlogic', 'DIM_WORKER.EMPLOYMENT_TYPE_DESC', w.employment_type_desc) = 'AGENCY', false) AS is_agency,
                             to_date(w.start_dttm) AS start_date, to_date(w.end_dttm) AS end_date, w._extract_date AS extract_date, w._drop AS drop_id,
                             last(to_date(w.start_dttm)) OVER (PARTITION BY mw.worker_key ORDER BY w._extract_date, w._drop
                                                               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS current_start,
                             'liquidlogic' AS source_system, CAST(w.dim_worker_id AS STRING) AS source_key
                      FROM ll_obs w JOIN map_worker mw ON mw.system = 'liquidlogic' AND mw.source_id = w.dim_worker_id
                      LEFT JOIN int_ll_team t ON t.dim_department_id = w.dim_department_id),
                    -- Equi-joins on the distinct keys, not IN/NOT IN subqueries: a null-aware NOT IN can plan as a nested
                    -- loop; with it the step took 37.5 s in a scale-10 rebuild, without it 4-10 s.
                    cf_keys AS (SELECT DISTINCT worker_key FROM cf),
                    ll AS (
                      SELECT r.*, CASE WHEN k.worker_key IS NOT NULL THEN greatest(DATE '${golive}', coalesce(r.current_start, DATE '${golive}'))
                                       ELSE coalesce(r.current_start, DATE '${calendar_first}') END AS first_from
                      FROM ll_rows r LEFT JOIN cf_keys k ON k.worker_key = r.worker_key),
                    ll_keys AS (SELECT DISTINCT worker_key FROM ll_rows),
                    obs AS (
                      SELECT worker_key, team, area, job_title_code, is_qualified, fte, is_agency, start_date, end_date, extract_date, drop_id,
                             first_from, source_system, source_key FROM cf
                      UNION ALL
                      SELECT worker_key, team, area, job_title_code, is_qualified, fte, is_agency, start_date, end_date, extract_date, drop_id,
                             first_from, source_system, source_key FROM ll),
                    obs_from AS (
                      SELECT *, CASE WHEN row_number() OVER (PARTITION BY worker_key, source_system ORDER BY extract_date, drop_id) = 1 THEN first_from
                                     ELSE greatest(extract_date, first_from) END AS valid_from
                      FROM obs),
                    -- Observations starting on the same day (e.g. before a future start date): the latest one stands.
                    latest AS (
                      SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY worker_key, source_system, valid_from
                                                                  ORDER BY extract_date DESC, drop_id DESC) AS _n FROM obs_from)
                      WHERE _n = 1),
                    v AS (
                      SELECT l.* FROM latest l LEFT JOIN ll_keys k ON k.worker_key = l.worker_key
                      WHERE l.source_system = 'liquidlogic' OR k.worker_key IS NULL OR l.valid_from < DATE '${golive}'),
                    ordered AS (
                      SELECT *, lag(named_struct('t', team, 'j', job_title_code, 'q', is_qualified, 'f', fte, 'a', is_agency))
                                  OVER (PARTITION BY worker_key ORDER BY valid_from, source_system) AS prev,
                             min(start_date) OVER (PARTITION BY worker_key) AS first_start,
                             last(end_date) OVER (PARTITION BY worker_key ORDER BY valid_from, source_system
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_end
                      FROM v),
                    changes AS (
                      SELECT * FROM ordered
                      WHERE NOT (prev <=> named_struct('t', team, 'j', job_title_code, 'q', is_qualified, 'f', fte, 'a', is_agency)))
                    SELECT worker_key, valid_from,
                           lead(valid_from) OVER (PARTITION BY worker_key ORDER BY valid_from, source_system) AS valid_to,
                           team, area, job_title_code, job_title_code IN ('SW', 'ASYE', 'AP', 'PS', 'TM') AS is_social_worker,
                           is_qualified, CAST(fte AS DOUBLE) AS fte, is_agency, ${max_caseload} AS max_caseload,
                           first_start AS start_date, last_end AS end_date, source_system, source_key,
                           CAST(row_number() OVER (PARTITION BY worker_key ORDER BY valid_from, source_system) AS INT) AS version
                    FROM changes
                    """),
            table("fct_allocation", """
                    WITH ll AS (
                      SELECT %s AS allocation_key, m.child_key, w.worker_key, coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area,
                             to_date(i.start_dttm) AS start_date, to_date(i.end_dttm) AS end_date,
                             coalesce(code_of('liquidlogic', 'FACT_INVOLVEMENTS.DIM_LOOKUP_INVOLVEMENT_TYPE_CODE', i.dim_lookup_involvement_type_code), 'UNKNOWN') AS role_code,
                             %s AS referral_key, %s, i._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_involvements i %s %s %s),
                    cf AS (
                      SELECT %s AS allocation_key, m.child_key, w.worker_key, coalesce(dw.team, 'UNKNOWN') AS team, coalesce(dw.area, 'UNKNOWN') AS area,
                             a.start_date, a.end_date, coalesce(code_of('carefirst', 'ALLOCATIONS.ROLE', a.role), 'UNKNOWN') AS role_code,
                             CAST(NULL AS STRING) AS referral_key, %s
                      FROM stg_carefirst__allocations a %s %s %s)
                    SELECT *, role_code IN ('CW', '16PLUS') AS counts_to_caseload FROM (%s)
                    """.formatted(key("liquidlogic", "i.fact_involvements_id"), key("liquidlogic", "i.fact_referral_id"),
                    lineage("liquidlogic", "i", "i.fact_involvements_id", "i.last_updated_dttm"),
                    child("liquidlogic", "m", "i.dim_person_id"), worker("liquidlogic", "w", "i.dim_worker_id"), dept("t", "i.dim_department_id"),
                    key("carefirst", "a.allocation_no"), lineage("carefirst", "a", "a.allocation_no", "CAST(NULL AS TIMESTAMP)"),
                    child("carefirst", "m", "a.client_no"), worker("carefirst", "w", "a.worker_id"), workerTeamAt("dw", "w.worker_key", "a.start_date"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.worker_key = cf.worker_key AND ll.start_date = cf.start_date"))),
            cached("int_counting_allocation", """
                    SELECT child_key, worker_key, team, area, start_date, end_date
                    FROM fct_allocation WHERE counts_to_caseload AND child_key IS NOT NULL AND start_date IS NOT NULL
                    """)
    );
}
