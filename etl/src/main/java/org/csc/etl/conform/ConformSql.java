package org.csc.etl.conform;

import java.util.List;

/**
 * The conform steps, in order. Each is a Spark SQL query over staging views, mappings and the
 * earlier steps; persisted steps become Delta tables of the star. Keys that leave the lake
 * (child_key) are salted hashes, never a system id.
 */
final class ConformSql {
    record Step(String name, boolean persisted, String sql) {}

    private ConformSql() {}

    static final List<Step> STEPS = List.of(
            // Care First merges: events may carry a merged client number; follow MERGED_INTO to the survivor.
            new Step("int_cf_client_root", false, """
                    SELECT c.client_no,
                           CASE WHEN c.merged_into IS NULL THEN c.client_no
                                WHEN c2.merged_into IS NULL THEN c.merged_into
                                WHEN c3.merged_into IS NULL THEN c2.merged_into
                                ELSE c3.merged_into END AS root_no,
                           c.merged_into IS NOT NULL AS is_merged
                    FROM stg_carefirst__clients c
                    LEFT JOIN stg_carefirst__clients c2 ON c2.client_no = c.merged_into
                    LEFT JOIN stg_carefirst__clients c3 ON c3.client_no = c2.merged_into
                    """),
            new Step("int_cf_person", false, """
                    SELECT c.client_no, norm_text(concat_ws(' ', c.forenames, c.surname)) AS name_norm, c.date_of_birth AS dob
                    FROM stg_carefirst__clients c WHERE c.merged_into IS NULL
                    """),
            // Liquid Logic persons: LEGACY_ID first, then name + date of birth against unclaimed Care First clients.
            new Step("int_ll_person", false, """
                    SELECT p.dim_person_id, try_cast(trim(p.legacy_id) AS BIGINT) AS legacy_no,
                           norm_text(concat_ws(' ', p.forename, p.surname)) AS name_norm, to_date(p.birth_dttm) AS dob,
                           p.duplicated_dttm IS NOT NULL AS is_duplicate, coalesce(p.is_client, true) AS is_client
                    FROM stg_liquidlogic__dim_person p
                    """),
            new Step("int_ll_name_candidates", false, """
                    SELECT l.dim_person_id, count(cf.client_no) AS candidates, min(cf.client_no) AS client_no
                    FROM int_ll_person l
                    JOIN int_cf_person cf ON cf.name_norm = l.name_norm AND cf.dob = l.dob
                    LEFT ANTI JOIN int_ll_person claimed ON claimed.legacy_no = cf.client_no
                    WHERE l.legacy_no IS NULL AND l.is_client AND NOT l.is_duplicate AND l.name_norm IS NOT NULL
                    GROUP BY l.dim_person_id
                    """),
            new Step("map_child", true, """
                    WITH cf AS (
                      SELECT 'carefirst' AS system, r.client_no AS source_id, concat('CF:', r.root_no) AS identity,
                             CASE WHEN r.is_merged THEN 'CF_MERGED_INTO_SURVIVOR' ELSE 'CF_CLIENT' END AS rule
                      FROM int_cf_client_root r),
                    ll AS (
                      SELECT 'liquidlogic' AS system, l.dim_person_id AS source_id,
                             CASE WHEN l.is_duplicate OR NOT l.is_client THEN NULL
                                  WHEN r.root_no IS NOT NULL THEN concat('CF:', r.root_no)
                                  WHEN n.candidates = 1 THEN concat('CF:', nr.root_no)
                                  ELSE concat('LL:', l.dim_person_id) END AS identity,
                             CASE WHEN l.is_duplicate THEN 'LL_DUPLICATE_NOT_A_CHILD'
                                  WHEN NOT l.is_client THEN 'LL_NOT_A_CLIENT'
                                  WHEN r.root_no IS NOT NULL THEN 'LEGACY_ID'
                                  WHEN l.legacy_no IS NOT NULL THEN 'LEGACY_ID_NOT_FOUND'
                                  WHEN n.candidates = 1 THEN 'NAME_AND_DOB'
                                  WHEN n.candidates > 1 THEN 'NAME_AND_DOB_AMBIGUOUS'
                                  ELSE 'NEW_IN_LIQUIDLOGIC' END AS rule
                      FROM int_ll_person l
                      LEFT JOIN int_cf_client_root r ON r.client_no = l.legacy_no
                      LEFT JOIN int_ll_name_candidates n ON n.dim_person_id = l.dim_person_id
                      LEFT JOIN int_cf_client_root nr ON nr.client_no = n.client_no)
                    SELECT system, source_id, rule,
                           CASE WHEN identity IS NULL THEN NULL ELSE concat('C', substr(sha2(concat('${salt}', identity), 256), 1, 16)) END AS child_key
                    FROM (SELECT * FROM cf UNION ALL SELECT * FROM ll)
                    """),
            // One row per conformed child: Liquid Logic's attributes where it holds the child, else Care First's.
            new Step("dim_child", true, """
                    WITH ll AS (
                      SELECT m.child_key, to_date(p.birth_dttm) AS date_of_birth, p.dob_estimated,
                             coalesce(g.code, 'UNKNOWN') AS gender_code, coalesce(p.ethnicity_main_code, 'UNKNOWN') AS ethnicity_code,
                             to_date(p.death_dttm) AS date_of_death, 'liquidlogic' AS record_system,
                             row_number() OVER (PARTITION BY m.child_key ORDER BY p.dim_person_id) AS rn
                      FROM stg_liquidlogic__dim_person p
                      JOIN map_child m ON m.system = 'liquidlogic' AND m.source_id = p.dim_person_id AND m.child_key IS NOT NULL
                      LEFT JOIN map_codes g ON g.system = 'liquidlogic' AND g.column_key = 'DIM_PERSON.GENDER_MAIN_CODE' AND g.source_value = p.gender_main_code),
                    cf AS (
                      SELECT m.child_key, c.date_of_birth, c.dob_estimated,
                             coalesce(g.code, 'UNKNOWN') AS gender_code, coalesce(e.code, 'UNKNOWN') AS ethnicity_code,
                             c.date_of_death, 'carefirst' AS record_system,
                             row_number() OVER (PARTITION BY m.child_key ORDER BY c.client_no) AS rn
                      FROM stg_carefirst__clients c
                      JOIN map_child m ON m.system = 'carefirst' AND m.source_id = c.client_no
                      LEFT JOIN map_codes g ON g.system = 'carefirst' AND g.column_key = 'CLIENTS.GENDER' AND g.source_value = c.gender
                      LEFT JOIN map_codes e ON e.system = 'carefirst' AND e.column_key = 'CLIENTS.ETHNICITY' AND e.source_value = c.ethnicity
                      WHERE c.merged_into IS NULL)
                    SELECT child_key, date_of_birth, dob_estimated, gender_code, ethnicity_code, date_of_death, record_system
                    FROM ll WHERE rn = 1
                    UNION ALL
                    SELECT child_key, date_of_birth, dob_estimated, gender_code, ethnicity_code, date_of_death, record_system
                    FROM cf WHERE rn = 1 AND child_key NOT IN (SELECT child_key FROM ll)
                    """),
            // Liquid Logic departments onto the council's team list; unmapped names keep their own area.
            new Step("int_ll_team", false, """
                    SELECT d.dim_department_id, coalesce(t.team, d.name, 'UNKNOWN') AS team,
                           coalesce(t.area, d.dept_type_description, 'UNKNOWN') AS area, t.team IS NOT NULL AS mapped
                    FROM stg_liquidlogic__dim_department d
                    LEFT JOIN map_teams t ON t.variant_norm = norm_key(d.name)
                    """),
            new Step("dim_team", true, """
                    SELECT team, first(area) AS area FROM (
                      SELECT team, area FROM map_teams
                      UNION ALL SELECT team, area FROM int_ll_team
                      UNION ALL SELECT 'UNKNOWN', 'UNKNOWN'
                      UNION ALL SELECT '${unallocated}', '${unallocated}')
                    GROUP BY team
                    """),
            new Step("fct_contact", true, """
                    WITH ll AS (
                      SELECT concat('LL-', c.fact_contact_id) AS contact_key, m.child_key, to_date(c.contact_dttm) AS contact_date,
                             coalesce(c.dim_lookup_cont_sorc_id, 'UNKNOWN') AS source_code,
                             CASE WHEN c.outcome_new_referral_flag OR c.outcome_cp_enquiry_flag THEN 'NEW_REFERRAL'
                                  WHEN c.outcome_existing_referral_flag THEN 'EXISTING_REFERRAL'
                                  WHEN c.outcome_early_help_flag THEN 'EARLY_HELP'
                                  WHEN c.outcome_advice_flag THEN 'ADVICE'
                                  WHEN c.outcome_nfa_flag THEN 'NFA' ELSE 'UNKNOWN' END AS outcome_code,
                             coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area,
                             CASE WHEN c.dim_worker_id IS NULL THEN NULL ELSE concat('LL-', c.dim_worker_id) END AS worker_key,
                             'liquidlogic' AS source_system, CAST(c.fact_contact_id AS STRING) AS source_key,
                             c.created_dttm AS recorded_at, c._drop AS last_drop
                      FROM stg_liquidlogic__fact_contacts c
                      LEFT JOIN map_child m ON m.system = 'liquidlogic' AND m.source_id = c.dim_person_id
                      LEFT JOIN int_ll_team t ON t.dim_department_id = c.dim_department_id),
                    cf AS (
                      SELECT concat('CF-', c.contact_no) AS contact_key, m.child_key, c.contact_date,
                             coalesce(s.code, 'UNKNOWN') AS source_code, coalesce(o.code, 'UNKNOWN') AS outcome_code,
                             coalesce(t.team, 'UNKNOWN') AS team, coalesce(t.area, 'UNKNOWN') AS area,
                             CASE WHEN c.worker_id IS NULL THEN NULL ELSE concat('CF-', c.worker_id) END AS worker_key,
                             'carefirst' AS source_system, CAST(c.contact_no AS STRING) AS source_key,
                             c.entered_on AS recorded_at, c._drop AS last_drop
                      FROM stg_carefirst__contacts c
                      LEFT JOIN map_child m ON m.system = 'carefirst' AND m.source_id = c.client_no
                      LEFT JOIN map_codes s ON s.system = 'carefirst' AND s.column_key = 'SOURCE' AND s.source_value = c.source
                      LEFT JOIN map_codes o ON o.system = 'carefirst' AND o.column_key = 'CONTACTS.OUTCOME' AND o.source_value = c.outcome
                      LEFT JOIN map_teams t ON t.variant_norm = norm_key(c.team))
                    SELECT *, outcome_code = 'NEW_REFERRAL' AS is_new_referral FROM ll
                    UNION ALL
                    SELECT cf.*, cf.outcome_code = 'NEW_REFERRAL' AS is_new_referral FROM cf
                    LEFT ANTI JOIN ll ON ll.child_key = cf.child_key AND ll.contact_date = cf.contact_date
                    """)
    );
}
