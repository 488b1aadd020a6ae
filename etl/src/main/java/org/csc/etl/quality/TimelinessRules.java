package org.csc.etl.quality;

import java.util.List;

import static org.csc.etl.quality.DqDimension.TIMELINESS;
import static org.csc.etl.quality.DqSeverity.WARNING;

/**
 * "Information recorded late" (the inspection's finding): the record was entered more than N
 * working days after the event, N per record type from conf (dq.late.TYPE.wd). Both systems are
 * checked, migrated history included: a Care First record entered late is still late in Liquid Logic.
 */
final class TimelinessRules {
    private TimelinessRules() {}

    private static DqRule late(String code, String type, String what, String cfFrom, String llFrom) {
        String n = "${dq.late." + type + ".wd}";
        return DqRule.of(code, TIMELINESS, WARNING, what + " recorded more than " + n + " working days after the event",
                "Record events on the day (or the next working day); ask the team manager why this one waited.", """
                WITH x AS (%s UNION ALL %s)
                SELECT x.s, x.t, x.k, x.child_key, x.worker_key, x.team, trunc(x.event_date, 'MM'),
                       b.wd_index - a.wd_index > %s, concat('entered ', b.wd_index - a.wd_index, ' working days after the event (limit %s)')
                FROM x JOIN dim_date a ON a.date = x.event_date JOIN dim_date b ON b.date = x.rec
                """.formatted(cfFrom, llFrom, n, n)).detecting("LATE_RECORDING");
    }

    private static String src(String system, String table, String key, String event, String recorded, String from) {
        return "SELECT '" + system + "' AS s, '" + table + "' AS t, CAST(" + key + " AS STRING) AS k, _child_key AS child_key, "
                + "_worker_key AS worker_key, _team AS team, " + event + " AS event_date, to_date(" + recorded + ") AS rec FROM " + from;
    }

    static final List<DqRule> RULES = List.of(
            late("TIM01", "contact", "Contact",
                    src("carefirst", "CONTACTS", "contact_no", "contact_date", "entered_on", "dq_carefirst__contacts"),
                    src("liquidlogic", "FACT_CONTACTS", "fact_contact_id", "to_date(contact_dttm)", "created_dttm", "dq_liquidlogic__fact_contacts")),
            late("TIM02", "referral", "Referral",
                    src("carefirst", "REFERRALS", "referral_no", "referral_date", "entered_on", "dq_carefirst__referrals"),
                    src("liquidlogic", "FACT_REFERRALS", "fact_referral_id", "to_date(refrl_start_dttm)", "created_dttm", "dq_liquidlogic__fact_referrals")),
            late("TIM03", "assessment", "Assessment",
                    src("carefirst", "ASSESSMENTS", "assessment_no", "start_date", "entered_on", "dq_carefirst__assessments"),
                    src("liquidlogic", "FACT_SINGLE_ASSESSMENT", "fact_single_assessment_id", "to_date(start_dttm)", "created_dttm",
                            "dq_liquidlogic__fact_single_assessment")),
            late("TIM04", "s47", "Section 47 enquiry",
                    src("carefirst", "S47_ENQUIRIES", "s47_no", "coalesce(strategy_date, start_date)", "entered_on", "dq_carefirst__s47_enquiries"),
                    src("liquidlogic", "FACT_S47", "s.fact_s47_id", "coalesce(to_date(m.actual_dttm), to_date(s.start_dttm))", "s.created_dttm",
                            "dq_liquidlogic__fact_s47 s LEFT JOIN stg_liquidlogic__fact_meetings m ON m.fact_meeting_id = s.fact_strat_meeting_id")),
            late("TIM05", "casenote", "Case note (visit)",
                    src("carefirst", "CASE_NOTES", "note_no", "note_date", "entered_on", "dq_carefirst__case_notes"),
                    src("liquidlogic", "FACT_CASENOTES", "fact_casenote_id", "to_date(event_dttm)", "created_dttm", "dq_liquidlogic__fact_casenotes")),
            late("TIM06", "health", "Health check",
                    src("carefirst", "HEALTH", "health_no", "coalesce(check_date, due_date)", "entered_on", "dq_carefirst__health"),
                    src("liquidlogic", "FACT_HEALTH_CHECK", "fact_health_check_id", "to_date(coalesce(start_dttm, due_dttm))", "created_dttm",
                            "dq_liquidlogic__fact_health_check"))
    );
}
