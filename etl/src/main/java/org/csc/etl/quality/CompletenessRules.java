package org.csc.etl.quality;

import java.util.List;

import static org.csc.etl.quality.DqDimension.COMPLETENESS;
import static org.csc.etl.quality.DqSeverity.ERROR;
import static org.csc.etl.quality.DqSeverity.WARNING;

/** Mandatory fields per record type. Liquid Logic rules skip migrated history: Care First rules check it where it was typed. */
final class CompletenessRules {
    private CompletenessRules() {}

    static final List<DqRule> RULES = List.of(
            DqRule.of("CMP01", COMPLETENESS, ERROR, "Care First contact without a contact source",
                    "Open the contact and record who made it (the CIN census needs a referral source).", """
                    SELECT 'carefirst', 'CONTACTS', CAST(contact_no AS STRING), _child_key, _worker_key, _team, trunc(contact_date, 'MM'),
                           coalesce(trim(source), '') = '', 'contact source is blank'
                    FROM dq_carefirst__contacts""").dfe("CIN 8866").detecting("MISSING_MANDATORY"),
            DqRule.of("CMP02", COMPLETENESS, ERROR, "Liquid Logic contact without a contact source",
                    "Open the contact and record who made it.", """
                    SELECT 'liquidlogic', 'FACT_CONTACTS', CAST(fact_contact_id AS STRING), _child_key, _worker_key, _team,
                           trunc(to_date(contact_dttm), 'MM'), coalesce(trim(dim_lookup_cont_sorc_id), '') = '', 'contact source is blank'
                    FROM dq_liquidlogic__fact_contacts WHERE _entered_in_ll""").dfe("CIN 8866").detecting("MISSING_MANDATORY"),
            DqRule.of("CMP03", COMPLETENESS, ERROR, "Care First referral without a referral source",
                    "Record the source of the referral on the referral form.", """
                    SELECT 'carefirst', 'REFERRALS', CAST(referral_no AS STRING), _child_key, _worker_key, _team, trunc(referral_date, 'MM'),
                           coalesce(trim(source), '') = '', 'referral source is blank'
                    FROM dq_carefirst__referrals""").dfe("CIN 8866").detecting("MISSING_MANDATORY"),
            DqRule.of("CMP04", COMPLETENESS, ERROR, "Liquid Logic referral without a referral source",
                    "Record the source of the referral on the referral form.", """
                    SELECT 'liquidlogic', 'FACT_REFERRALS', CAST(fact_referral_id AS STRING), _child_key, _worker_key, _team,
                           trunc(to_date(refrl_start_dttm), 'MM'), coalesce(trim(dim_lookup_cont_sorc_id), '') = '', 'referral source is blank'
                    FROM dq_liquidlogic__fact_referrals WHERE _entered_in_ll""").dfe("CIN 8866").detecting("MISSING_MANDATORY"),
            DqRule.of("CMP05", COMPLETENESS, ERROR, "Care First child without a gender",
                    "Record the child's gender (or 'Not Recorded' when it is genuinely unknown).", """
                    SELECT 'carefirst', 'CLIENTS', CAST(client_no AS STRING), _child_key, NULL, _team, trunc(to_date(entered_on), 'MM'),
                           coalesce(trim(gender), '') = '', 'gender is blank'
                    FROM dq_carefirst__clients WHERE merged_into IS NULL""").detecting("MISSING_MANDATORY"),
            DqRule.of("CMP06", COMPLETENESS, ERROR, "Liquid Logic child without a gender",
                    "Record the child's gender on the person record.", """
                    SELECT 'liquidlogic', 'DIM_PERSON', CAST(dim_person_id AS STRING), _child_key, NULL, _team,
                           trunc(to_date(last_updated_dttm), 'MM'), coalesce(trim(gender_main_code), '') = '', 'gender is blank'
                    FROM dq_liquidlogic__dim_person
                    WHERE _entered_in_ll AND duplicated_dttm IS NULL AND coalesce(is_client, true)""").detecting("MISSING_MANDATORY"),
            DqRule.of("CMP07", COMPLETENESS, ERROR, "Authorised assessment without an authorisation date",
                    "Ask the authorising manager to record the date they authorised the assessment.", """
                    SELECT 'carefirst', 'ASSESSMENTS', CAST(assessment_no AS STRING), _child_key, _worker_key, _team, trunc(start_date, 'MM'),
                           authorised_date IS NULL, 'status Authorised but no authorisation date'
                    FROM dq_carefirst__assessments WHERE status = 'Authorised'"""),
            DqRule.of("CMP08", COMPLETENESS, ERROR, "Care First looked-after episode without legal status or placement type",
                    "Complete the episode's legal status and placement type (both go to the SSDA903 return).", """
                    SELECT 'carefirst', 'LAC_EPISODES', CAST(episode_no AS STRING), _child_key, NULL, _team, trunc(start_date, 'MM'),
                           coalesce(trim(legal_status), '') = '' OR coalesce(trim(placement_type), '') = '',
                           concat_ws(' and ', CASE WHEN coalesce(trim(legal_status), '') = '' THEN 'legal status blank' END,
                                     CASE WHEN coalesce(trim(placement_type), '') = '' THEN 'placement type blank' END)
                    FROM dq_carefirst__lac_episodes"""),
            DqRule.of("CMP09", COMPLETENESS, WARNING, "Placement without a distance from home",
                    "Record the distance in miles between the child's home and the placement.", """
                    SELECT 'carefirst', 'LAC_EPISODES', CAST(episode_no AS STRING), _child_key, NULL, _team, trunc(start_date, 'MM'),
                           coalesce(trim(distance_miles), '') = '', 'distance is blank'
                    FROM dq_carefirst__lac_episodes
                    UNION ALL
                    SELECT 'liquidlogic', 'FACT_CLA_PLACEMENT', CAST(fact_cla_placement_id AS STRING), _child_key, NULL, _team,
                           trunc(to_date(start_dttm), 'MM'), coalesce(trim(distance_from_home), '') = '', 'distance is blank'
                    FROM dq_liquidlogic__fact_cla_placement WHERE _entered_in_ll""")
    );
}
