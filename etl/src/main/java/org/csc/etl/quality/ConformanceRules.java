package org.csc.etl.quality;

import java.util.List;

import static org.csc.etl.quality.DqDimension.CONFORMANCE;
import static org.csc.etl.quality.DqSeverity.ERROR;
import static org.csc.etl.quality.DqSeverity.WARNING;

/**
 * Values that do not conform to the council's lists (teams, codes) and records typed as the wrong
 * kind: statutory visits recorded as general case notes, the seed's known cause of low visit figures.
 */
final class ConformanceRules {
    private ConformanceRules() {}

    /** Subjects workers type for a statutory visit: "stat visit", "statutory visit", "SV", "visit (statutory)". */
    static final String STAT_SUBJECT = "(lower(trim(subject)) RLIKE '(^|[^a-z])stat(utory)?([^a-z]|$).*visit|visit.*(^|[^a-z])stat(utory)?([^a-z]|$)' "
            + "OR upper(trim(subject)) IN ('SV', 'S/V', 'STAT', 'STATUTORY'))";

    private static String teamVariant(String table, String key, String date) {
        return "SELECT 'carefirst', '" + table.toUpperCase() + "', CAST(" + key + " AS STRING), x._child_key, x._worker_key, x._team, trunc(x." + date + ", 'MM'), "
                + "s.spelling IS NULL OR x.team <> s.spelling, concat('team typed as a variant of ', coalesce(s.spelling, 'a team not in teams.csv')) "
                + "FROM dq_carefirst__" + table + " x LEFT JOIN dq_cf_team_spelling s ON s.team = x._team WHERE coalesce(trim(x.team), '') <> ''";
    }

    private static String unrecognised(String table, String key, String date) {
        return "SELECT 'carefirst', '" + table.toUpperCase() + "', CAST(" + key + " AS STRING), _child_key, _worker_key, _team, trunc(" + date + ", 'MM'), "
                + "_team = 'UNKNOWN', 'team name not in conf/mappings/teams.csv' "
                + "FROM dq_carefirst__" + table + " WHERE coalesce(trim(team), '') <> ''";
    }

    static final List<DqRule> RULES = List.of(
            // The canonical spelling is the one most of the team's records use (Care First's own, e.g. "Area 1 Locality Team").
            DqRule.of("CNF01", CONFORMANCE, WARNING, "Care First team typed as a variant of its usual spelling (e.g. AREA1)",
                    "Pick the team from the list rather than typing it; the warehouse maps known variants meanwhile.",
                    String.join("\nUNION ALL\n", teamVariant("contacts", "contact_no", "contact_date"),
                            teamVariant("referrals", "referral_no", "referral_date"), teamVariant("assessments", "assessment_no", "start_date"),
                            teamVariant("s47_enquiries", "s47_no", "start_date"))).detecting("TEAM_NAME_VARIANT"),
            DqRule.of("CNF02", CONFORMANCE, ERROR, "Care First team name not recognised (reported as UNKNOWN)",
                    "Add the spelling to conf/mappings/teams.csv with its team and area, or correct the record.",
                    String.join("\nUNION ALL\n", unrecognised("contacts", "contact_no", "contact_date"),
                            unrecognised("referrals", "referral_no", "referral_date"), unrecognised("assessments", "assessment_no", "start_date"),
                            unrecognised("s47_enquiries", "s47_no", "start_date"),
                            unrecognised("workers", "worker_id", "start_date"))),
            DqRule.of("CNF03", CONFORMANCE, ERROR, "Liquid Logic team not in the team mapping (reported as UNKNOWN)",
                    "Add the department name to conf/mappings/teams.csv with its team and area.", """
                    SELECT 'liquidlogic', 'DIM_DEPARTMENT', CAST(d.dim_department_id AS STRING), NULL, NULL, d.team, trunc(to_date(s.last_updated_dttm), 'MM'),
                           NOT d.mapped, 'department name not in conf/mappings/teams.csv'
                    FROM dq_ll_dept d JOIN stg_liquidlogic__dim_department s ON s.dim_department_id = d.dim_department_id"""),
            DqRule.of("CNF04", CONFORMANCE, ERROR, "Care First gender or ethnicity not in the code list (reported as UNKNOWN)",
                    "Choose a listed value, or add the local value to conf/mappings/codes.csv with its DfE code.", """
                    SELECT 'carefirst', 'CLIENTS', CAST(c.client_no AS STRING), c._child_key, NULL, c._team, trunc(to_date(c.entered_on), 'MM'),
                           (coalesce(trim(c.gender), '') <> '' AND g.code IS NULL) OR (coalesce(trim(c.ethnicity), '') <> '' AND e.code IS NULL),
                           concat_ws(' and ', CASE WHEN coalesce(trim(c.gender), '') <> '' AND g.code IS NULL THEN 'gender unmapped' END,
                                     CASE WHEN coalesce(trim(c.ethnicity), '') <> '' AND e.code IS NULL THEN 'ethnicity unmapped' END)
                    FROM dq_carefirst__clients c
                    LEFT JOIN map_codes g ON g.system = 'carefirst' AND g.column_key = 'CLIENTS.GENDER' AND g.value_norm = norm_key(c.gender)
                    LEFT JOIN map_codes e ON e.system = 'carefirst' AND e.column_key = 'CLIENTS.ETHNICITY' AND e.value_norm = norm_key(c.ethnicity)
                    WHERE c.merged_into IS NULL"""),
            DqRule.of("CNF05", CONFORMANCE, ERROR, "Liquid Logic case note type not in the list",
                    "Choose one of the listed case note types.", """
                    SELECT 'liquidlogic', 'FACT_CASENOTES', CAST(fact_casenote_id AS STRING), _child_key, _worker_key, _team, trunc(to_date(event_dttm), 'MM'),
                           NOT (upper(trim(dim_lookup_casnt_type_id_code)) IN ('STVC', 'STVL', 'STAT', 'HVIS', 'DRCT', 'TEL', 'GEN', 'OVIS', 'SUP')),
                           'case note type not in the list'
                    FROM dq_liquidlogic__fact_casenotes WHERE _entered_in_ll AND coalesce(trim(dim_lookup_casnt_type_id_code), '') <> ''"""),
            DqRule.of("CNF06", CONFORMANCE, ERROR, "Probable statutory visit recorded as a general Care First case note",
                    "Change the note type to Statutory Visit - CP or - LAC so the visit counts.", """
                    SELECT 'carefirst', 'CASE_NOTES', CAST(note_no AS STRING), _child_key, _worker_key, _team, trunc(note_date, 'MM'),
                           %s, 'subject suggests a statutory visit'
                    FROM dq_carefirst__case_notes WHERE NOT startswith(coalesce(note_type, ''), 'Statutory Visit')""".formatted(STAT_SUBJECT))
                    .detecting("STAT_VISIT_AS_CASE_NOTE"),
            DqRule.of("CNF07", CONFORMANCE, ERROR, "Probable statutory visit recorded as a general Liquid Logic case note",
                    "Change the case note type to STVC or STVL so the visit counts.", """
                    SELECT 'liquidlogic', 'FACT_CASENOTES', CAST(fact_casenote_id AS STRING), _child_key, _worker_key, _team, trunc(to_date(event_dttm), 'MM'),
                           %s, 'subject suggests a statutory visit'
                    FROM dq_liquidlogic__fact_casenotes
                    WHERE _entered_in_ll AND NOT (upper(coalesce(dim_lookup_casnt_type_id_code, '')) IN ('STVC', 'STVL', 'STAT'))""".formatted(STAT_SUBJECT))
                    .detecting("STAT_VISIT_AS_CASE_NOTE")
    );
}
