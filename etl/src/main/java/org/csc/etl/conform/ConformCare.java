package org.csc.etl.conform;

import java.util.List;

import static org.csc.etl.conform.ConformSql.allocatedTeam;
import static org.csc.etl.conform.ConformSql.cached;
import static org.csc.etl.conform.ConformSql.child;
import static org.csc.etl.conform.ConformSql.dept;
import static org.csc.etl.conform.ConformSql.key;
import static org.csc.etl.conform.ConformSql.lineage;
import static org.csc.etl.conform.ConformSql.systemOfRecord;
import static org.csc.etl.conform.ConformSql.twinKey;
import static org.csc.etl.conform.ConformSql.table;

/**
 * Looked-after children, health, care leavers and early help. Care First has only 903 episodes:
 * periods of care are runs of consecutive episodes, placements runs with the same placement,
 * legal statuses runs with the same legal status. Events belong to the team of the child's
 * allocated worker at their date.
 */
final class ConformCare {
    private ConformCare() {}

    /** Miles as a number when the worker typed a number (optionally "miles"), else NULL; the raw text is kept beside it. */
    static String miles(String raw) {
        return "try_cast(regexp_extract(lower(trim(" + raw + ")), '^([0-9]+([.][0-9]+)?)[ ]*(miles?)?$', 1) AS DOUBLE)";
    }

    static final List<ConformSql.Step> STEPS = List.of(
            cached("int_cf_episode", """
                    WITH e AS (
                      SELECT x.*, coalesce(m.child_key, concat('client:', x.client_no)) AS child_group, m.child_key,
                             coalesce(code_of('carefirst', 'LAC_EPISODES.START_REASON', x.start_reason), 'UNKNOWN') AS start_reason_code,
                             coalesce(code_of('carefirst', 'LAC_EPISODES.LEGAL_STATUS', x.legal_status), 'UNKNOWN') AS legal_status_code,
                             coalesce(code_of('carefirst', 'LAC_EPISODES.PLACEMENT_TYPE', x.placement_type), 'UNKNOWN') AS placement_type_code,
                             code_of('carefirst', 'LAC_EPISODES.PLACEMENT_PROVIDER', x.placement_provider) AS provider_code
                      FROM stg_carefirst__lac_episodes x %s),
                    p AS (
                      SELECT *, sum(CASE WHEN prev_end IS NULL AND rn > 1 THEN 0 WHEN rn = 1 OR start_date > prev_end THEN 1 ELSE 0 END)
                                  OVER (PARTITION BY child_group ORDER BY start_date, episode_no ROWS UNBOUNDED PRECEDING) AS period_no
                      FROM (SELECT *, lag(end_date) OVER (PARTITION BY child_group ORDER BY start_date, episode_no) AS prev_end,
                                   row_number() OVER (PARTITION BY child_group ORDER BY start_date, episode_no) AS rn FROM e)),
                    q AS (
                      SELECT *, first_value(episode_no) OVER (PARTITION BY child_group, period_no ORDER BY start_date, episode_no) AS period_episode,
                             lag(named_struct('t', placement_type_code, 'p', provider_code, 'c', placement_postcode))
                               OVER (PARTITION BY child_group, period_no ORDER BY start_date, episode_no) AS prev_place,
                             lag(legal_status_code) OVER (PARTITION BY child_group, period_no ORDER BY start_date, episode_no) AS prev_legal
                      FROM p),
                    r AS (
                      SELECT *,
                             sum(CASE WHEN prev_place IS NULL OR start_reason_code IN ('P', 'B', 'S')
                                        OR NOT (prev_place <=> named_struct('t', placement_type_code, 'p', provider_code, 'c', placement_postcode)) THEN 1 ELSE 0 END)
                               OVER (PARTITION BY child_group, period_no ORDER BY start_date, episode_no ROWS UNBOUNDED PRECEDING) AS placement_no,
                             sum(CASE WHEN prev_legal IS NULL OR prev_legal <> legal_status_code THEN 1 ELSE 0 END)
                               OVER (PARTITION BY child_group, period_no ORDER BY start_date, episode_no ROWS UNBOUNDED PRECEDING) AS legal_no
                      FROM q)
                    SELECT *, first_value(episode_no) OVER (PARTITION BY child_group, period_no, placement_no ORDER BY start_date, episode_no) AS placement_episode,
                              first_value(episode_no) OVER (PARTITION BY child_group, period_no, legal_no ORDER BY start_date, episode_no) AS legal_episode
                    FROM r
                    """.formatted(child("carefirst", "m", "x.client_no"))),
            table("fct_period_of_care", """
                    WITH ll AS (
                      SELECT %s AS period_key, m.child_key, %s AS referral_key, to_date(c.start_dttm) AS start_date, to_date(c.end_dttm) AS end_date,
                             %s, c._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_cla c %s),
                    cf AS (
                      SELECT concat('CF-', period_episode) AS period_key, first(child_key) AS child_key, CAST(NULL AS STRING) AS referral_key,
                             min(start_date) AS start_date, CASE WHEN count(*) = count(end_date) THEN max(end_date) END AS end_date,
                             'carefirst' AS source_system, CAST(period_episode AS STRING) AS source_key, min(entered_on) AS recorded_at, max(_drop) AS last_drop
                      FROM int_cf_episode GROUP BY child_group, period_episode),
                    base AS (%s)
                    %s
                    """.formatted(key("liquidlogic", "c.fact_cla_id"), key("liquidlogic", "c.fact_referral_id"),
                    lineage("liquidlogic", "c", "c.fact_cla_id", "c.last_updated_dttm"), child("liquidlogic", "m", "c.dim_person_id"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.start_date = cf.start_date"),
                    allocatedTeam("base", "period_key", "start_date"))),
            table("fct_placement", """
                    WITH ll AS (
                      SELECT %s AS placement_key, m.child_key, %s AS period_key, to_date(p.start_dttm) AS start_date, to_date(p.end_dttm) AS end_date,
                             coalesce(code_of('liquidlogic', 'FACT_CLA_PLACEMENT.DIM_LOOKUP_PLACEMENT_TYPE_CODE', p.dim_lookup_placement_type_code), 'UNKNOWN') AS placement_type_code,
                             code_of('liquidlogic', 'FACT_CLA_PLACEMENT.DIM_LOOKUP_PLACEMENT_PROVIDER_CODE', p.dim_lookup_placement_provider_code) AS provider_code,
                             %s AS distance_miles, p.distance_from_home AS distance_raw, p.dim_lookup_plac_chng_reas_code AS change_reason_code,
                             %s, p._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_cla_placement p %s),
                    cf AS (
                      SELECT placement_key, child_key, %s AS period_key, start_date, end_date, placement_type_code, provider_code, distance_miles,
                             distance_raw, change_reason_code, source_system, source_key, recorded_at, last_drop
                      FROM (SELECT concat('CF-', placement_episode) AS placement_key, first(child_key) AS child_key, concat('CF-', first(period_episode)) AS period_key,
                             min(start_date) AS start_date, CASE WHEN count(*) = count(end_date) THEN max(end_date) END AS end_date,
                             first(placement_type_code) AS placement_type_code, first(provider_code) AS provider_code,
                             %s AS distance_miles, first(distance_miles) AS distance_raw, CAST(NULL AS STRING) AS change_reason_code,
                             'carefirst' AS source_system, CAST(placement_episode AS STRING) AS source_key, min(entered_on) AS recorded_at, max(_drop) AS last_drop
                      FROM int_cf_episode GROUP BY child_group, placement_episode) g),
                    base AS (%s)
                    %s
                    """.formatted(key("liquidlogic", "p.fact_cla_placement_id"), key("liquidlogic", "p.fact_cla_id"), miles("p.distance_from_home"),
                    lineage("liquidlogic", "p", "p.fact_cla_placement_id", "p.last_updated_dttm"), child("liquidlogic", "m", "p.dim_person_id"),
                    twinKey("fct_period_of_care", "g.period_key"), miles("first(distance_miles)"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.start_date = cf.start_date"),
                    allocatedTeam("base", "placement_key", "start_date"))),
            table("fct_episode", """
                    WITH lgl AS (
                      SELECT e.fact_care_episodes_id, max_by(l.dim_lookup_lgl_status_desc, l.start_dttm) AS lgl_desc
                      FROM all_liquidlogic__fact_care_episodes e JOIN stg_liquidlogic__fact_legal_status l ON l.dim_person_id = e.dim_person_id
                       AND to_date(l.start_dttm) <= e.care_start_date AND (l.end_dttm IS NULL OR to_date(l.end_dttm) > e.care_start_date)
                      GROUP BY e.fact_care_episodes_id),
                    ll AS (
                      SELECT %s AS episode_key, m.child_key, %s AS period_key, %s AS placement_key, e.care_start_date AS start_date, e.care_end_date AS end_date,
                             coalesce(code_of('liquidlogic', 'FACT_CARE_EPISODES.CARE_REASON_DESC', e.care_reason_desc), 'UNKNOWN') AS start_reason_code,
                             code_of('liquidlogic', 'FACT_CARE_EPISODES.CARE_REASON_END_DESC', e.care_reason_end_desc) AS end_reason_code,
                             coalesce(code_of('liquidlogic', 'FACT_LEGAL_STATUS.DIM_LOOKUP_LGL_STATUS_DESC', lgl.lgl_desc), 'UNKNOWN') AS legal_status_code,
                             coalesce(code_of('liquidlogic', 'FACT_CLA_PLACEMENT.DIM_LOOKUP_PLACEMENT_TYPE_CODE', p.dim_lookup_placement_type_code), 'UNKNOWN') AS placement_type_code,
                             code_of('liquidlogic', 'FACT_CLA_PLACEMENT.DIM_LOOKUP_PLACEMENT_PROVIDER_CODE', p.dim_lookup_placement_provider_code) AS placement_provider_code,
                             %s AS distance_miles, p.distance_from_home AS distance_raw,
                             code_of('liquidlogic', 'FACT_CARE_EPISODES.CIN_903_CODE', e.cin_903_code) AS need_code,
                             %s, e._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_care_episodes e LEFT JOIN lgl ON lgl.fact_care_episodes_id = e.fact_care_episodes_id
                      LEFT JOIN stg_liquidlogic__fact_cla_placement p ON p.fact_cla_placement_id = e.fact_cla_placement_id %s),
                    cf AS (
                      SELECT concat('CF-', episode_no) AS episode_key, child_key, %s AS period_key,
                             %s AS placement_key, start_date, end_date, start_reason_code,
                             code_of('carefirst', 'LAC_EPISODES.END_REASON', end_reason) AS end_reason_code, legal_status_code,
                             placement_type_code, provider_code AS placement_provider_code, %s AS distance_miles, distance_miles AS distance_raw,
                             code_of('carefirst', 'REFERRALS.PRIMARY_NEED', category_of_need) AS need_code,
                             'carefirst' AS source_system, CAST(episode_no AS STRING) AS source_key, entered_on AS recorded_at, _drop AS last_drop
                      FROM int_cf_episode),
                    base AS (%s)
                    %s
                    """.formatted(key("liquidlogic", "e.fact_care_episodes_id"), key("liquidlogic", "e.fact_cla_id"), key("liquidlogic", "e.fact_cla_placement_id"),
                    miles("p.distance_from_home"), lineage("liquidlogic", "e", "e.fact_care_episodes_id", "e.last_updated_dttm"),
                    child("liquidlogic", "m", "e.dim_person_id"), twinKey("fct_period_of_care", key("carefirst", "period_episode")),
                    twinKey("fct_placement", key("carefirst", "placement_episode")), miles("distance_miles"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.start_date = cf.start_date"),
                    allocatedTeam("base", "episode_key", "start_date"))),
            table("fct_legal_status", """
                    WITH ll AS (
                      SELECT %s AS legal_status_key, m.child_key, to_date(l.start_dttm) AS start_date, to_date(l.end_dttm) AS end_date,
                             coalesce(code_of('liquidlogic', 'FACT_LEGAL_STATUS.DIM_LOOKUP_LGL_STATUS_DESC', l.dim_lookup_lgl_status_desc), 'UNKNOWN') AS legal_status_code,
                             %s, l._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_legal_status l %s),
                    cf AS (
                      SELECT concat('CF-', legal_episode) AS legal_status_key, first(child_key) AS child_key,
                             min(start_date) AS start_date, CASE WHEN count(*) = count(end_date) THEN max(end_date) END AS end_date,
                             first(legal_status_code) AS legal_status_code,
                             'carefirst' AS source_system, CAST(legal_episode AS STRING) AS source_key, min(entered_on) AS recorded_at, max(_drop) AS last_drop
                      FROM int_cf_episode GROUP BY child_group, legal_episode),
                    base AS (%s)
                    %s
                    """.formatted(key("liquidlogic", "l.fact_legal_status_id"), lineage("liquidlogic", "l", "l.fact_legal_status_id", "l.last_updated_dttm"),
                    child("liquidlogic", "m", "l.dim_person_id"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.start_date = cf.start_date"),
                    allocatedTeam("base", "legal_status_key", "start_date"))),
            // System checks first; a manual dental log row counts where no system check of the child on that day exists.
            table("fct_health_check", """
                    WITH ll AS (
                      SELECT %s AS check_key, m.child_key,
                             coalesce(code_of('liquidlogic', 'FACT_HEALTH_CHECK.DIM_LOOKUP_EVENT_TYPE_DESC', h.dim_lookup_event_type_desc), 'UNKNOWN') AS check_type,
                             to_date(h.due_dttm) AS due_date, to_date(h.start_dttm) AS check_date,
                             coalesce(code_of('liquidlogic', 'FACT_HEALTH_CHECK.DIM_LOOKUP_EXAM_STATUS_DESC', h.dim_lookup_exam_status_desc), 'UNKNOWN') AS status_code,
                             %s, h._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_health_check h %s),
                    cf AS (
                      SELECT %s AS check_key, m.child_key, coalesce(code_of('carefirst', 'HEALTH.CHECK_TYPE', h.check_type), 'UNKNOWN') AS check_type,
                             h.due_date, h.check_date, coalesce(code_of('carefirst', 'HEALTH.STATUS', h.status), 'UNKNOWN') AS status_code, %s
                      FROM stg_carefirst__health h %s),
                    sys AS (%s),
                    man AS (
                      SELECT concat('M-', d._line) AS check_key, m.child_key, 'DENTAL' AS check_type, CAST(NULL AS DATE) AS due_date, d.check_date,
                             'COMPLETED' AS status_code, 'manual' AS source_system, CAST(d._line AS STRING) AS source_key,
                             CAST(NULL AS TIMESTAMP) AS recorded_at, d._drop AS last_drop, false AS _deleted
                      FROM stg_manual__dental_checks d
                      LEFT JOIN map_child m ON m.system = d.ref_system AND m.source_id = d.ref_id),
                    base AS (
                      SELECT * FROM sys
                      UNION ALL
                      SELECT man.* FROM man LEFT ANTI JOIN sys ON sys.child_key = man.child_key AND sys.check_date = man.check_date AND sys.check_type = 'DENTAL')
                    %s
                    """.formatted(key("liquidlogic", "h.fact_health_check_id"), lineage("liquidlogic", "h", "h.fact_health_check_id", "h.created_dttm"),
                    child("liquidlogic", "m", "h.dim_person_id"),
                    key("carefirst", "h.health_no"), lineage("carefirst", "h", "h.health_no", "h.entered_on"), child("carefirst", "m", "h.client_no"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.check_date = cf.check_date AND ll.check_type = cf.check_type"),
                    allocatedTeam("base", "check_key", "check_date"))),
            table("fct_care_leaver_contact", """
                    WITH ll AS (
                      SELECT %s AS contact_key, m.child_key, to_date(k.in_touch_dttm) AS contact_date,
                             code_of('liquidlogic', 'FACT_CLA_CARE_LEAVERS.DIM_LOOKUP_IN_TOUCH_CODE_CODE', k.dim_lookup_in_touch_code_code) AS in_touch_code,
                             code_of('liquidlogic', 'FACT_CLA_CARE_LEAVERS.DIM_LOOKUP_ACCOMMODATION_CODE', substr(trim(k.dim_lookup_accommodation_code), 1, 1)) AS accommodation_code,
                             CASE WHEN lower(trim(k.dim_lookup_accommodation_suitable_desc)) = 'suitable' THEN true
                                  WHEN lower(trim(k.dim_lookup_accommodation_suitable_desc)) = 'unsuitable' THEN false
                                  WHEN substr(trim(k.dim_lookup_accommodation_code), 2, 1) = '1' THEN true
                                  WHEN substr(trim(k.dim_lookup_accommodation_code), 2, 1) = '2' THEN false END AS accommodation_suitable,
                             code_of('liquidlogic', 'FACT_CLA_CARE_LEAVERS.DIM_LOOKUP_MAIN_ACTIVITY_CODE', k.dim_lookup_main_activity_code) AS activity_code,
                             %s, k._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_cla_care_leavers k %s),
                    cf AS (
                      SELECT %s AS contact_key, m.child_key, k.contact_date,
                             code_of('carefirst', 'CARE_LEAVERS.IN_TOUCH', k.in_touch) AS in_touch_code,
                             code_of('carefirst', 'CARE_LEAVERS.ACCOMMODATION', k.accommodation) AS accommodation_code,
                             k.accommodation_suitable, code_of('carefirst', 'CARE_LEAVERS.ACTIVITY', k.activity) AS activity_code, %s
                      FROM stg_carefirst__care_leavers k %s),
                    base AS (SELECT *, activity_code IN ('G4', 'G5', 'G6') AS is_neet FROM (%s))
                    %s
                    """.formatted(key("liquidlogic", "k.fact_cla_care_leavers_id"),
                    lineage("liquidlogic", "k", "k.fact_cla_care_leavers_id", "k.last_updated_dttm"), child("liquidlogic", "m", "k.dim_person_id"),
                    key("carefirst", "k.contact_no"), lineage("carefirst", "k", "k.contact_no", "k.entered_on"), child("carefirst", "m", "k.client_no"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.contact_date = cf.contact_date"),
                    allocatedTeam("base", "contact_key", "contact_date"))),
            // Care First holds no eligibility: only Liquid Logic's latest status per child.
            table("fct_care_leaver_status", """
                    SELECT child_key, eligibility_code, source_system, source_key, recorded_at, last_drop FROM (
                      SELECT m.child_key,
                             coalesce(code_of('liquidlogic', 'DIM_CLA_ELIGIBILITY.DIM_LOOKUP_ELIGIBILITY_STATUS_DESC', e.dim_lookup_eligibility_status_desc), 'UNKNOWN') AS eligibility_code,
                             %s, row_number() OVER (PARTITION BY m.child_key ORDER BY e.last_updated_dttm DESC, e.dim_person_id DESC) AS rn
                      FROM stg_liquidlogic__dim_cla_eligibility e %s WHERE m.child_key IS NOT NULL)
                    WHERE rn = 1
                    """.formatted(lineage("liquidlogic", "e", "e.dim_person_id", "e.last_updated_dttm"), child("liquidlogic", "m", "e.dim_person_id"))),
            table("fct_caf", """
                    WITH ll AS (
                      SELECT %s AS caf_key, m.child_key, coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area, CAST(NULL AS STRING) AS worker_key,
                             to_date(f.episode_start_dttm) AS start_date, to_date(f.episode_end_dttm) AS end_date,
                             coalesce(code_of('liquidlogic', 'FACT_CAF_EPISODE.DIM_LOOKUP_ORIGINATING_ORGANISATION_CODE', f.dim_lookup_originating_organisation_code), 'UNKNOWN') AS lead_agency_code,
                             f.start_reason, f.dim_lookup_caf_ep_endrsn_id_code AS end_reason, %s, f._deleted_at IS NOT NULL AS _deleted
                      FROM all_liquidlogic__fact_caf_episode f %s %s),
                    cf AS (
                      SELECT %s AS caf_key, m.child_key, team_of(f.area) AS team, area_of(f.area) AS area, CAST(NULL AS STRING) AS worker_key,
                             f.start_date, f.end_date, coalesce(code_of('carefirst', 'CAF.LEAD_AGENCY', f.lead_agency), 'UNKNOWN') AS lead_agency_code,
                             CAST(NULL AS STRING) AS start_reason, f.end_reason, %s
                      FROM stg_carefirst__caf f %s)
                    %s
                    """.formatted(key("liquidlogic", "f.fact_caf_episode_id"), lineage("liquidlogic", "f", "f.fact_caf_episode_id", "f.last_updated_dttm"),
                    child("liquidlogic", "m", "f.dim_person_id"), dept("t", "f.dim_department_id"),
                    key("carefirst", "f.caf_no"), lineage("carefirst", "f", "f.caf_no", "CAST(NULL AS TIMESTAMP)"), child("carefirst", "m", "f.client_no"),
                    systemOfRecord("ll.child_key = cf.child_key AND ll.start_date = cf.start_date")))
    );
}
