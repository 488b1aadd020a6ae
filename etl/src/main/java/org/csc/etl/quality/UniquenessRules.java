package org.csc.etl.quality;

import java.util.List;

import static org.csc.etl.quality.DqDimension.UNIQUENESS;
import static org.csc.etl.quality.DqSeverity.ERROR;
import static org.csc.etl.quality.DqSeverity.WARNING;

/** One child, one record: duplicates within each system and children migrated without their link. */
final class UniquenessRules {
    private UniquenessRules() {}

    static final List<DqRule> RULES = List.of(
            DqRule.of("UNQ01", UNIQUENESS, WARNING, "Care First child recorded twice (merged duplicate)",
                    "Check the events of the merged record moved to the surviving client; then close the duplicate.", """
                    SELECT 'carefirst', 'CLIENTS', CAST(client_no AS STRING), _child_key, NULL, _team, trunc(to_date(entered_on), 'MM'),
                           merged_into IS NOT NULL, 'merged into another client'
                    FROM dq_carefirst__clients""").detecting("DUPLICATE_PERSON"),
            DqRule.of("UNQ02", UNIQUENESS, WARNING, "Liquid Logic child recorded twice (marked duplicate)",
                    "Check every event moved to the surviving person record.", """
                    SELECT 'liquidlogic', 'DIM_PERSON', CAST(dim_person_id AS STRING), _child_key, NULL, _team, trunc(to_date(last_updated_dttm), 'MM'),
                           duplicated_dttm IS NOT NULL, 'marked as a duplicate person'
                    FROM dq_liquidlogic__dim_person WHERE _entered_in_ll""").detecting("DUPLICATE_PERSON"),
            DqRule.of("UNQ03", UNIQUENESS, ERROR, "Probable duplicate Care First children (same name and date of birth, not merged)",
                    "Compare the records; merge the duplicate into the older client number.", """
                    SELECT 'carefirst', 'CLIENTS', CAST(client_no AS STRING), _child_key, NULL, _team, trunc(to_date(entered_on), 'MM'),
                           n IS NOT NULL AND rn > 1, 'same name and date of birth as another client'
                    FROM (SELECT *, norm_text(concat_ws(' ', forenames, surname)) AS n,
                                 row_number() OVER (PARTITION BY norm_text(concat_ws(' ', forenames, surname)), date_of_birth ORDER BY client_no) AS rn
                          FROM dq_carefirst__clients WHERE merged_into IS NULL AND date_of_birth IS NOT NULL)"""),
            DqRule.of("UNQ04", UNIQUENESS, ERROR, "Probable duplicate Liquid Logic children (same name and date of birth, not marked)",
                    "Compare the records; mark the newer one as a duplicate of the older.", """
                    SELECT 'liquidlogic', 'DIM_PERSON', CAST(dim_person_id AS STRING), _child_key, NULL, _team, trunc(to_date(last_updated_dttm), 'MM'),
                           n IS NOT NULL AND rn > 1, 'same name and date of birth as another person'
                    FROM (SELECT *, norm_text(concat_ws(' ', forename, surname)) AS n,
                                 row_number() OVER (PARTITION BY norm_text(concat_ws(' ', forename, surname)), to_date(birth_dttm) ORDER BY dim_person_id) AS rn
                          FROM dq_liquidlogic__dim_person WHERE duplicated_dttm IS NULL AND coalesce(is_client, true) AND birth_dttm IS NOT NULL)"""),
            DqRule.of("UNQ05", UNIQUENESS, ERROR, "Child in both systems without the Care First link (LEGACY_ID missing)",
                    "Enter the Care First client number as the person's legacy id so history and new work join up.", """
                    SELECT 'liquidlogic', 'DIM_PERSON', CAST(p.dim_person_id AS STRING), first(p._child_key), NULL, first(p._team),
                           trunc(to_date(first(p.last_updated_dttm)), 'MM'), count(c.client_no) > 0,
                           concat('matches ', count(c.client_no), ' Care First client(s) on name and date of birth')
                    FROM dq_liquidlogic__dim_person p
                    LEFT JOIN (SELECT c.* FROM stg_carefirst__clients c
                               LEFT ANTI JOIN stg_liquidlogic__dim_person q ON try_cast(trim(q.legacy_id) AS BIGINT) = c.client_no
                               WHERE c.merged_into IS NULL) c
                         ON c.date_of_birth = to_date(p.birth_dttm)
                         AND norm_text(concat_ws(' ', c.forenames, c.surname)) = norm_text(concat_ws(' ', p.forename, p.surname))
                    WHERE coalesce(trim(p.legacy_id), '') = '' AND p.duplicated_dttm IS NULL AND coalesce(p.is_client, true)
                    GROUP BY p.dim_person_id""").detecting("MIGRATED_WITHOUT_LEGACY_ID"),
            // A Care First client already claimed by a migrated person: a second person for them is a duplicate, not a migration gap.
            DqRule.of("UNQ06", UNIQUENESS, ERROR, "Liquid Logic person duplicating a child migrated from Care First (same name and date of birth)",
                    "Mark the new person record as a duplicate of the migrated one and move its events.", """
                    SELECT 'liquidlogic', 'DIM_PERSON', CAST(p.dim_person_id AS STRING), first(p._child_key), NULL, first(p._team),
                           trunc(to_date(first(p.last_updated_dttm)), 'MM'), count(q.dim_person_id) > 0,
                           'same name and date of birth as a migrated person'
                    FROM dq_liquidlogic__dim_person p
                    LEFT JOIN stg_liquidlogic__dim_person q ON coalesce(trim(q.legacy_id), '') <> '' AND q.duplicated_dttm IS NULL
                         AND to_date(q.birth_dttm) = to_date(p.birth_dttm)
                         AND norm_text(concat_ws(' ', q.forename, q.surname)) = norm_text(concat_ws(' ', p.forename, p.surname))
                    WHERE coalesce(trim(p.legacy_id), '') = '' AND p.duplicated_dttm IS NULL AND coalesce(p.is_client, true)
                    GROUP BY p.dim_person_id""").detecting("DUPLICATE_PERSON")
    );
}
