package org.csc.etl.quality;

import java.util.ArrayList;
import java.util.List;

import static org.csc.etl.quality.DqDimension.RECONCILIATION;
import static org.csc.etl.quality.DqSeverity.ERROR;
import static org.csc.etl.quality.DqSeverity.WARNING;

/**
 * Sources that should agree and do not: Care First against the history migrated into Liquid Logic,
 * and the manual ICPC and dental logs against the case system (the seed report's 82.6% vs 94%).
 * Manual-log findings are keyed CHILD_REF|date as written in the log, so the unit can find the row.
 */
final class ReconciliationRules {
    private ReconciliationRules() {}

    /** Care First table, its date, the Liquid Logic table holding the migrated copy, its date. */
    private static final String[][] MIGRATED = {
            {"CONTACTS", "contact_date", "FACT_CONTACTS", "to_date(contact_dttm)"},
            {"REFERRALS", "referral_date", "FACT_REFERRALS", "to_date(refrl_start_dttm)"},
            {"ASSESSMENTS", "start_date", "FACT_SINGLE_ASSESSMENT", "to_date(start_dttm)"},
            {"S47_ENQUIRIES", "start_date", "FACT_S47", "to_date(start_dttm)"},
            {"REGISTRATIONS", "start_date", "FACT_CP_PLAN", "to_date(start_dttm)"},
            {"CASE_NOTES", "note_date", "FACT_CASENOTES", "to_date(event_dttm)"},
            {"HEALTH", "coalesce(check_date, due_date)", "FACT_HEALTH_CHECK", "to_date(coalesce(start_dttm, due_dttm))"},
            {"CAF", "start_date", "FACT_CAF_EPISODE", "to_date(episode_start_dttm)"}};

    private static String migratedCounts() {
        List<String> cf = new ArrayList<>();
        List<String> ll = new ArrayList<>();
        for (String[] m : MIGRATED) {
            cf.add("SELECT '" + m[0] + "' AS t, trunc(" + m[1] + ", 'MM') AS m FROM stg_carefirst__" + m[0].toLowerCase());
            ll.add("SELECT '" + m[0] + "' AS t, trunc(" + m[3] + ", 'MM') AS m FROM stg_liquidlogic__" + m[2].toLowerCase());
        }
        // Only once Liquid Logic has delivered anything: before go-live every month would "disagree".
        return """
                WITH cf AS (SELECT t, m, count(*) AS n FROM (%s) WHERE m < trunc(${golive}, 'MM') GROUP BY t, m),
                     ll AS (SELECT t, m, count(*) AS n FROM (%s) WHERE m < trunc(${golive}, 'MM') GROUP BY t, m)
                SELECT 'carefirst', coalesce(cf.t, ll.t), concat(coalesce(cf.t, ll.t), '|', date_format(coalesce(cf.m, ll.m), 'yyyy-MM')),
                       NULL, NULL, 'All', coalesce(cf.m, ll.m), coalesce(cf.n, 0) <> coalesce(ll.n, 0),
                       concat('Care First ', coalesce(cf.n, 0), ', Liquid Logic ', coalesce(ll.n, 0))
                FROM cf FULL OUTER JOIN ll ON cf.t = ll.t AND cf.m = ll.m
                WHERE (SELECT count(*) FROM stg_liquidlogic__dim_person) > 0 AND coalesce(cf.m, ll.m) IS NOT NULL
                """.formatted(String.join(" UNION ALL ", cf), String.join(" UNION ALL ", ll));
    }

    static final List<DqRule> RULES = List.of(
            DqRule.of("REC01", RECONCILIATION, WARNING, "Care First and Liquid Logic hold different numbers of migrated records (by table and month)",
                    "Compare the month's records in both systems; re-migrate or record what is missing in Liquid Logic.", migratedCounts()),
            DqRule.of("REC02", RECONCILIATION, ERROR, "Manual ICPC log's within-15-days Y/N disagrees with its own dates",
                    "Correct WITHIN_15_DAYS in the tracker: count working days from the strategy discussion to the ICPC.", """
                    SELECT 'manual', 'icpc_tracker', concat(l.child_ref, '|', l.icpc_raw), l.child_key, NULL, l.team, trunc(l.icpc_date, 'MM'),
                           (upper(l.within_15_days) IN ('Y', 'YES') AND b.wd_index - a.wd_index > ${dq.icpc.within.wd})
                           OR (upper(l.within_15_days) IN ('N', 'NO') AND b.wd_index - a.wd_index <= ${dq.icpc.within.wd}),
                           concat('log says ', l.within_15_days, ', dates are ', b.wd_index - a.wd_index, ' working days apart')
                    FROM dq_icpc_log l JOIN dim_date a ON a.date = l.strategy_date JOIN dim_date b ON b.date = l.icpc_date
                    WHERE l.within_15_days IS NOT NULL""").detecting("ICPC_LOG_WRONG_YN"),
            DqRule.of("REC03", RECONCILIATION, ERROR, "ICPC in the manual log but not in the case system",
                    "Record the conference in the case system (or correct the log's date or child).", """
                    SELECT 'manual', 'icpc_tracker', concat(l.child_ref, '|', l.icpc_raw), first(l.child_key), NULL, first(l.team), trunc(first(l.icpc_date), 'MM'),
                           count(c.conference_key) = 0, 'no initial conference for the child on that date'
                    FROM dq_icpc_log l LEFT JOIN fct_conference c ON c.child_key = l.child_key AND c.conference_date = l.icpc_date AND c.conference_type = 'ICPC'
                    WHERE l.icpc_date IS NOT NULL
                    GROUP BY l.line, l.child_ref, l.icpc_raw"""),
            DqRule.of("REC04", RECONCILIATION, WARNING, "ICPC in the case system but not in the manual log",
                    "Add the conference to the safeguarding unit's tracker.", """
                    SELECT c.source_system, 'fct_conference', c.source_key, c.child_key, c.worker_key, c.team, trunc(c.conference_date, 'MM'),
                           count(l.line) = 0, 'not in the ICPC tracker'
                    FROM fct_conference c LEFT JOIN dq_icpc_log l ON l.child_key = c.child_key AND l.icpc_date = c.conference_date
                    WHERE c.conference_type = 'ICPC'
                      AND c.conference_date BETWEEN (SELECT min(icpc_date) FROM dq_icpc_log) AND (SELECT max(icpc_date) FROM dq_icpc_log)
                    GROUP BY c.source_system, c.source_key, c.child_key, c.worker_key, c.team, c.conference_date"""),
            DqRule.of("REC05", RECONCILIATION, WARNING, "Manual ICPC log and case system disagree on the strategy discussion date",
                    "Find the true date of the strategy discussion and correct the log or the case system.", """
                    SELECT 'manual', 'icpc_tracker', concat(l.child_ref, '|', l.icpc_raw), l.child_key, NULL, l.team, trunc(l.icpc_date, 'MM'),
                           l.strategy_date <> c.strategy_date, concat('log ', l.strategy_date, ', system ', c.strategy_date)
                    FROM dq_icpc_log l JOIN fct_conference c ON c.child_key = l.child_key AND c.conference_date = l.icpc_date AND c.conference_type = 'ICPC'
                    WHERE l.strategy_date IS NOT NULL AND c.strategy_date IS NOT NULL"""),
            DqRule.of("REC06", RECONCILIATION, WARNING, "Dental check only in the manual dental log, not in the case system",
                    "Record the dental check in the case system; the KPI counts it from the log meanwhile.", """
                    WITH sys AS (
                      SELECT _child_key AS child_key, check_date AS d FROM dq_carefirst__health WHERE check_type = 'Dental Check'
                      UNION ALL
                      SELECT _child_key, to_date(start_dttm) FROM dq_liquidlogic__fact_health_check WHERE dim_lookup_event_type_desc = 'Dental Check')
                    SELECT 'manual', 'dental_checks', concat(l.child_ref, '|', l.check_raw), first(l.child_key), NULL, first(l.team), trunc(first(l.check_date), 'MM'),
                           count(s.d) = 0, 'not in the case system'
                    FROM dq_dental_log l LEFT JOIN sys s ON s.child_key = l.child_key AND s.d = l.check_date
                    WHERE l.check_date IS NOT NULL
                    GROUP BY l.line, l.child_ref, l.check_raw""").detecting("DENTAL_ONLY_IN_MANUAL_LOG"),
            DqRule.of("REC07", RECONCILIATION, WARNING, "Care First child with no Liquid Logic person record after migration",
                    "Check whether the child should have been migrated; create the person with LEGACY_ID if so.", """
                    SELECT 'carefirst', 'CLIENTS', CAST(c.client_no AS STRING), first(c._child_key), NULL, first(c._team), trunc(to_date(first(c.entered_on)), 'MM'),
                           count(p.dim_person_id) = 0, 'no Liquid Logic person with this legacy id or child'
                    FROM dq_carefirst__clients c
                    LEFT JOIN dq_ll_child p ON p.child_key = c._child_key
                    WHERE c.merged_into IS NULL AND (SELECT count(*) FROM stg_liquidlogic__dim_person) > 0
                    GROUP BY c.client_no""")
    );
}
