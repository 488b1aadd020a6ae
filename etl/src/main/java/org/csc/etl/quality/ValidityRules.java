package org.csc.etl.quality;

import java.util.List;

import static org.csc.etl.quality.DqDimension.VALIDITY;
import static org.csc.etl.quality.DqSeverity.ERROR;
import static org.csc.etl.quality.DqSeverity.WARNING;

/** Values that cannot be right: codes outside the lists, impossible dates, ages, placeholders, words in numbers. */
final class ValidityRules {
    private ValidityRules() {}

    /** The 903 placement type codes the Liquid Logic contract lists. */
    static final String PLACEMENT_CODES = "^(U[1-6]|A[3-6]|K[12]|H5|P[123]|R[1235]|S1|T[0-4]|Z1)$";
    /** Placeholder postcodes (no fixed abode, unknown) typed to get past a mandatory field. */
    static final String PLACEHOLDER = "(upper(regexp_replace(%1$s, '\\\\s', '')) IN ('ZZ999ZZ', 'XX', 'XXXXXX', 'NFA', 'UNKNOWN', 'NK') OR startswith(upper(trim(%1$s)), 'ZZ99'))";

    static final List<DqRule> RULES = List.of(
            DqRule.of("VAL01", VALIDITY, ERROR, "Care First referral's primary need is not in the code list",
                    "Choose one of the listed categories of need (N0-N9) on the referral.", """
                    SELECT 'carefirst', 'REFERRALS', CAST(r.referral_no AS STRING), r._child_key, r._worker_key, r._team, trunc(r.referral_date, 'MM'),
                           m.code IS NULL, concat('primary need not in codes.csv')
                    FROM dq_carefirst__referrals r
                    LEFT JOIN map_codes m ON m.system = 'carefirst' AND m.column_key = 'REFERRALS.PRIMARY_NEED' AND m.value_norm = norm_key(r.primary_need)
                    WHERE coalesce(trim(r.primary_need), '') <> ''""").detecting("INVALID_CODE"),
            DqRule.of("VAL02", VALIDITY, ERROR, "Liquid Logic referral's category of need is not N0-N9",
                    "Choose one of the listed categories of need on the referral.", """
                    SELECT 'liquidlogic', 'FACT_REFERRALS', CAST(fact_referral_id AS STRING), _child_key, _worker_key, _team,
                           trunc(to_date(refrl_start_dttm), 'MM'), NOT (trim(dim_lookup_category_of_need_code) RLIKE '^N[0-9]( .*)?$'),
                           'category of need not N0-N9'
                    FROM dq_liquidlogic__fact_referrals WHERE _entered_in_ll AND coalesce(trim(dim_lookup_category_of_need_code), '') <> ''""")
                    .detecting("INVALID_CODE"),
            DqRule.of("VAL03", VALIDITY, ERROR, "Care First placement type is not in the code list",
                    "Choose one of the listed placement types on the episode.", """
                    SELECT 'carefirst', 'LAC_EPISODES', CAST(e.episode_no AS STRING), e._child_key, NULL, e._team, trunc(e.start_date, 'MM'),
                           m.code IS NULL, 'placement type not in codes.csv'
                    FROM dq_carefirst__lac_episodes e
                    LEFT JOIN map_codes m ON m.system = 'carefirst' AND m.column_key = 'LAC_EPISODES.PLACEMENT_TYPE' AND m.value_norm = norm_key(e.placement_type)
                    WHERE coalesce(trim(e.placement_type), '') <> ''""").detecting("INVALID_CODE"),
            DqRule.of("VAL04", VALIDITY, ERROR, "Liquid Logic placement type is not a 903 placement code",
                    "Choose one of the 903 placement types on the placement.", """
                    SELECT 'liquidlogic', 'FACT_CLA_PLACEMENT', CAST(fact_cla_placement_id AS STRING), _child_key, NULL, _team,
                           trunc(to_date(start_dttm), 'MM'), NOT (trim(dim_lookup_placement_type_code) RLIKE '%s'), 'placement type not a 903 code'
                    FROM dq_liquidlogic__fact_cla_placement WHERE _entered_in_ll AND coalesce(trim(dim_lookup_placement_type_code), '') <> ''"""
                    .formatted(PLACEMENT_CODES)).detecting("INVALID_CODE"),
            DqRule.of("VAL05", VALIDITY, ERROR, "Liquid Logic care episode's category of need is not N1-N8",
                    "Correct the category of need on the episode.", """
                    SELECT 'liquidlogic', 'FACT_CARE_EPISODES', CAST(fact_care_episodes_id AS STRING), _child_key, NULL, _team,
                           trunc(care_start_date, 'MM'), NOT (trim(cin_903_code) RLIKE '^N[1-8]$'), 'category of need not N1-N8'
                    FROM dq_liquidlogic__fact_care_episodes WHERE _entered_in_ll AND coalesce(trim(cin_903_code), '') <> ''""").dfe("903 145"),
            DqRule.of("VAL06", VALIDITY, WARNING, "Care First placement distance is not a number",
                    "Type the distance from home in miles as a number (e.g. 12.5).", """
                    SELECT 'carefirst', 'LAC_EPISODES', CAST(episode_no AS STRING), _child_key, NULL, _team, trunc(start_date, 'MM'),
                           try_cast(trim(distance_miles) AS DOUBLE) IS NULL, 'distance typed as words'
                    FROM dq_carefirst__lac_episodes WHERE coalesce(trim(distance_miles), '') <> ''""").detecting("DISTANCE_NOT_NUMERIC"),
            DqRule.of("VAL07", VALIDITY, WARNING, "Liquid Logic placement distance is not a number",
                    "Type the distance from home in miles as a number (e.g. 12.5).", """
                    SELECT 'liquidlogic', 'FACT_CLA_PLACEMENT', CAST(fact_cla_placement_id AS STRING), _child_key, NULL, _team,
                           trunc(to_date(start_dttm), 'MM'), try_cast(trim(distance_from_home) AS DOUBLE) IS NULL, 'distance typed as words'
                    FROM dq_liquidlogic__fact_cla_placement WHERE _entered_in_ll AND coalesce(trim(distance_from_home), '') <> ''""")
                    .detecting("DISTANCE_NOT_NUMERIC"),
            DqRule.of("VAL08", VALIDITY, WARNING, "Care First child's home postcode is a placeholder",
                    "Record the real home postcode (leave blank only when there is no fixed abode).", """
                    SELECT 'carefirst', 'CLIENTS', CAST(client_no AS STRING), _child_key, NULL, _team, trunc(to_date(entered_on), 'MM'),
                           %s, 'postcode is a placeholder'
                    FROM dq_carefirst__clients WHERE merged_into IS NULL AND coalesce(trim(postcode), '') <> ''"""
                    .formatted(PLACEHOLDER.formatted("postcode"))).detecting("PLACEHOLDER_POSTCODE"),
            DqRule.of("VAL09", VALIDITY, WARNING, "Liquid Logic child's home postcode is a placeholder",
                    "Record the real home postcode on the person record.", """
                    SELECT 'liquidlogic', 'DIM_PERSON', CAST(dim_person_id AS STRING), _child_key, NULL, _team, trunc(to_date(last_updated_dttm), 'MM'),
                           %s, 'postcode is a placeholder'
                    FROM dq_liquidlogic__dim_person WHERE _entered_in_ll AND duplicated_dttm IS NULL AND coalesce(trim(postcode), '') <> ''"""
                    .formatted(PLACEHOLDER.formatted("postcode"))).detecting("PLACEHOLDER_POSTCODE"),
            DqRule.of("VAL10", VALIDITY, ERROR, "Record could not be loaded: a value cannot be read (e.g. 31/02/2015)",
                    "Correct the value in the case system; the record is missing from every figure until then.", """
                    SELECT split(drop, '/')[0], regexp_replace(file, '(?i)\\\\.csv$', ''), record_key, NULL, NULL, 'UNKNOWN', CAST(NULL AS DATE),
                           true, first(concat(coalesce(column, ''), ': ', reason))
                    FROM etl_quarantine WHERE record_key IS NOT NULL
                    GROUP BY split(drop, '/')[0], regexp_replace(file, '(?i)\\\\.csv$', ''), record_key""").detecting("UNPARSEABLE_VALUE"),
            DqRule.of("VAL11", VALIDITY, ERROR, "Referral dated before the child's birth or after their 18th birthday",
                    "Check the child's date of birth and the referral date.", """
                    SELECT r.source_system, CASE WHEN r.source_system = 'carefirst' THEN 'REFERRALS' ELSE 'FACT_REFERRALS' END, r.source_key,
                           r.child_key, r.worker_key, r.team, trunc(r.referral_date, 'MM'),
                           (r.referral_date < c.date_of_birth AND NOT coalesce(c.dob_estimated, false)) OR r.referral_date >= add_months(c.date_of_birth, 216),
                           concat('age at referral ', floor(months_between(r.referral_date, c.date_of_birth) / 12))
                    FROM fct_referral r JOIN dim_child c ON c.child_key = r.child_key
                    WHERE c.date_of_birth IS NOT NULL AND r.referral_date IS NOT NULL"""),
            DqRule.of("VAL12", VALIDITY, ERROR, "Period of care running past the child's 18th birthday",
                    "End the period of care on the 18th birthday (the child becomes a care leaver).", """
                    SELECT p.source_system, CASE WHEN p.source_system = 'carefirst' THEN 'LAC_EPISODES' ELSE 'FACT_CLA' END, p.source_key,
                           p.child_key, p.worker_key, p.team, trunc(p.start_date, 'MM'),
                           coalesce(p.end_date, current_date()) > add_months(c.date_of_birth, 216), 'looked after past 18th birthday'
                    FROM fct_period_of_care p JOIN dim_child c ON c.child_key = p.child_key
                    WHERE c.date_of_birth IS NOT NULL""")
    );
}
