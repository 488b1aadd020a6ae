package org.csc.etl.conform;

import java.util.List;

import static org.csc.etl.conform.ConformSql.cached;
import static org.csc.etl.conform.ConformSql.table;
import static org.csc.etl.conform.ConformSql.view;

/**
 * One child across both systems: Care First merges followed to the survivor, Liquid Logic
 * persons matched by LEGACY_ID, then by normalised name + date of birth against Care First
 * clients no LEGACY_ID claimed; duplicates and non-clients are not children. Also the teams.
 */
final class ConformIdentity {
    private ConformIdentity() {}

    static final List<ConformSql.Step> STEPS = List.of(
            // Care First merges: events may carry a merged client number; follow MERGED_INTO to the survivor.
            cached("int_cf_client_root", """
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
            view("int_cf_person", """
                    SELECT c.client_no, norm_text(concat_ws(' ', c.forenames, c.surname)) AS name_norm, c.date_of_birth AS dob
                    FROM stg_carefirst__clients c WHERE c.merged_into IS NULL
                    """),
            // Liquid Logic persons: LEGACY_ID first, then name + date of birth against unclaimed Care First clients.
            view("int_ll_person", """
                    SELECT p.dim_person_id, try_cast(trim(p.legacy_id) AS BIGINT) AS legacy_no,
                           norm_text(concat_ws(' ', p.forename, p.surname)) AS name_norm, to_date(p.birth_dttm) AS dob,
                           p.duplicated_dttm IS NOT NULL AS is_duplicate, coalesce(p.is_client, true) AS is_client
                    FROM stg_liquidlogic__dim_person p
                    """),
            view("int_ll_name_candidates", """
                    SELECT l.dim_person_id, count(cf.client_no) AS candidates, min(cf.client_no) AS client_no
                    FROM int_ll_person l
                    JOIN int_cf_person cf ON cf.name_norm = l.name_norm AND cf.dob = l.dob
                    LEFT ANTI JOIN int_ll_person claimed ON claimed.legacy_no = cf.client_no
                    WHERE l.legacy_no IS NULL AND l.is_client AND NOT l.is_duplicate AND l.name_norm IS NOT NULL
                    GROUP BY l.dim_person_id
                    """),
            table("map_child", """
                    WITH cf AS (
                      SELECT 'carefirst' AS system, r.client_no AS source_id, concat('CF:', r.root_no) AS identity,
                             CASE WHEN r.is_merged THEN 'CF_MERGED_INTO_SURVIVOR' ELSE 'CF_CLIENT' END AS rule,
                             CAST(NULL AS BIGINT) AS candidates
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
                                  ELSE 'NEW_IN_LIQUIDLOGIC' END AS rule,
                             n.candidates
                      FROM int_ll_person l
                      LEFT JOIN int_cf_client_root r ON r.client_no = l.legacy_no
                      LEFT JOIN int_ll_name_candidates n ON n.dim_person_id = l.dim_person_id
                      LEFT JOIN int_cf_client_root nr ON nr.client_no = n.client_no)
                    SELECT system, source_id, rule,
                           CASE WHEN identity IS NULL THEN NULL ELSE concat('C', substr(sha2(concat('${salt}', identity), 256), 1, 16)) END AS child_key,
                           candidates
                    FROM (SELECT * FROM cf UNION ALL SELECT * FROM ll)
                    """),
            // One row per conformed child: Liquid Logic's attributes where it holds the child, else Care First's.
            table("dim_child", """
                    WITH ll AS (
                      SELECT m.child_key, to_date(p.birth_dttm) AS date_of_birth, p.dob_estimated,
                             code_of('liquidlogic', 'DIM_PERSON.GENDER_MAIN_CODE', p.gender_main_code) AS gender_code,
                             coalesce(code_of('liquidlogic', 'DIM_PERSON.ETHNICITY_MAIN_CODE', p.ethnicity_main_code), 'UNKNOWN') AS ethnicity_code,
                             to_date(p.death_dttm) AS date_of_death, 'liquidlogic' AS record_system,
                             row_number() OVER (PARTITION BY m.child_key ORDER BY p.dim_person_id) AS rn
                      FROM stg_liquidlogic__dim_person p
                      JOIN map_child m ON m.system = 'liquidlogic' AND m.source_id = p.dim_person_id AND m.child_key IS NOT NULL),
                    cf AS (
                      SELECT m.child_key, c.date_of_birth, c.dob_estimated,
                             code_of('carefirst', 'CLIENTS.GENDER', c.gender) AS gender_code,
                             coalesce(code_of('carefirst', 'CLIENTS.ETHNICITY', c.ethnicity), 'UNKNOWN') AS ethnicity_code,
                             c.date_of_death, 'carefirst' AS record_system,
                             row_number() OVER (PARTITION BY m.child_key ORDER BY c.client_no) AS rn
                      FROM stg_carefirst__clients c
                      JOIN map_child m ON m.system = 'carefirst' AND m.source_id = c.client_no
                      WHERE c.merged_into IS NULL)
                    SELECT child_key, date_of_birth, dob_estimated, coalesce(gender_code, 'UNKNOWN') AS gender_code, ethnicity_code,
                           date_of_death, record_system
                    FROM ll WHERE rn = 1
                    UNION ALL
                    SELECT child_key, date_of_birth, dob_estimated, coalesce(gender_code, 'UNKNOWN') AS gender_code, ethnicity_code,
                           date_of_death, record_system
                    FROM cf LEFT ANTI JOIN (SELECT DISTINCT child_key FROM ll) l ON l.child_key = cf.child_key WHERE cf.rn = 1
                    """),
            // Restricted: who a pseudonymous child is. Never published to the cubes.
            table("dim_child_identity", """
                    SELECT m.child_key, 'carefirst' AS source_system, c.client_no AS source_id, c.forenames AS forename, c.surname,
                           c.date_of_birth, c.upn, c.postcode
                    FROM stg_carefirst__clients c JOIN map_child m ON m.system = 'carefirst' AND m.source_id = c.client_no
                    UNION ALL
                    SELECT m.child_key, 'liquidlogic', p.dim_person_id, p.forename, p.surname, to_date(p.birth_dttm), p.upn, p.postcode
                    FROM stg_liquidlogic__dim_person p JOIN map_child m ON m.system = 'liquidlogic' AND m.source_id = p.dim_person_id
                    WHERE m.child_key IS NOT NULL
                    """),
            // What identity resolution did: a count per rule, then each row a person should look at
            // (matched on name and date of birth only, ambiguous, LEGACY_ID pointing nowhere).
            table("identity_match_report", """
                    SELECT 'RULE_COUNT' AS section, system, rule, CAST(NULL AS BIGINT) AS source_id, CAST(NULL AS STRING) AS child_key,
                           CAST(NULL AS BIGINT) AS candidates, count(*) AS n
                    FROM map_child GROUP BY system, rule
                    UNION ALL
                    SELECT CASE rule WHEN 'NAME_AND_DOB' THEN 'MATCHED_WITHOUT_LEGACY_ID'
                                     WHEN 'NAME_AND_DOB_AMBIGUOUS' THEN 'AMBIGUOUS' ELSE 'UNMATCHED' END,
                           system, rule, source_id, child_key, candidates, 1
                    FROM map_child WHERE rule IN ('NAME_AND_DOB', 'NAME_AND_DOB_AMBIGUOUS', 'LEGACY_ID_NOT_FOUND')
                    UNION ALL
                    SELECT 'CHILDREN_IN_BOTH_SYSTEMS', 'both', 'CF_AND_LL', NULL, NULL, NULL, count(DISTINCT cf.child_key)
                    FROM map_child cf JOIN map_child ll ON ll.child_key = cf.child_key AND ll.system = 'liquidlogic'
                    WHERE cf.system = 'carefirst'
                    """),
            // Liquid Logic departments onto the council's team list; unmapped names keep their own area.
            cached("int_ll_team", """
                    SELECT d.dim_department_id, CASE WHEN team_of(d.name) <> 'UNKNOWN' THEN team_of(d.name) ELSE coalesce(d.name, 'UNKNOWN') END AS team,
                           CASE WHEN team_of(d.name) <> 'UNKNOWN' THEN area_of(d.name) ELSE coalesce(d.dept_type_description, 'UNKNOWN') END AS area,
                           team_of(d.name) <> 'UNKNOWN' AS mapped
                    FROM stg_liquidlogic__dim_department d
                    """),
            table("dim_team", """
                    SELECT team, first(area) AS area FROM (
                      SELECT team, area FROM map_teams
                      UNION ALL SELECT team, area FROM int_ll_team
                      UNION ALL SELECT 'UNKNOWN', 'UNKNOWN'
                      UNION ALL SELECT '${unallocated}', '${unallocated}')
                    GROUP BY team
                    """)
    );
}
