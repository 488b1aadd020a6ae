package org.csc.etl.quality;

import java.util.List;

import static org.csc.etl.quality.DqDimension.CONSISTENCY;
import static org.csc.etl.quality.DqSeverity.ERROR;
import static org.csc.etl.quality.DqSeverity.WARNING;

/** Records that contradict themselves or each other: dates out of order, overlaps, missing companions. */
final class ConsistencyRules {
    private ConsistencyRules() {}

    static final String FAR = "DATE'9999-12-31'";

    private static DqRule overlap(String code, String table, String key, String what, String fix) {
        return DqRule.of(code, CONSISTENCY, ERROR, "Overlapping " + what + " for the same child", fix, """
                SELECT p.source_system, '%1$s', p.source_key, p.child_key, first(p.worker_key), first(p.team), trunc(p.start_date, 'MM'),
                       count(q.%2$s) > 0, concat('overlaps ', count(q.%2$s), ' other record(s)')
                FROM %1$s p
                LEFT JOIN %1$s q ON q.child_key = p.child_key AND q.%2$s <> p.%2$s
                     AND q.start_date < coalesce(p.end_date, %3$s) AND p.start_date < coalesce(q.end_date, %3$s)
                WHERE p.child_key IS NOT NULL AND p.start_date IS NOT NULL
                GROUP BY p.source_system, p.source_key, p.child_key, p.start_date, p.%2$s""".formatted(table, key, FAR));
    }

    static final List<DqRule> RULES = List.of(
            DqRule.of("CON01", CONSISTENCY, ERROR, "Initial conference dated before its strategy discussion",
                    "Correct the strategy discussion or the conference date; until then the ICPC is excluded from the 15-day measure.", """
                    SELECT 'carefirst', 'S47_ENQUIRIES', CAST(s.s47_no AS STRING), s._child_key, s._worker_key, s._team, trunc(c.conference_date, 'MM'),
                           c.conference_date < s.strategy_date, 'strategy discussion recorded after its ICPC'
                    FROM dq_carefirst__s47_enquiries s JOIN stg_carefirst__conferences c ON c.s47_no = s.s47_no AND c.conference_type = 'Initial'
                    WHERE s.strategy_date IS NOT NULL AND c.conference_date IS NOT NULL
                    UNION ALL
                    SELECT 'liquidlogic', 'FACT_MEETINGS', CAST(sd.fact_meeting_id AS STRING), sd._child_key, s._worker_key, s._team,
                           trunc(to_date(cm.actual_dttm), 'MM'), to_date(cm.actual_dttm) < to_date(sd.actual_dttm), 'strategy discussion recorded after its ICPC'
                    FROM dq_liquidlogic__fact_s47 s
                    JOIN dq_liquidlogic__fact_meetings sd ON sd.fact_meeting_id = s.fact_strat_meeting_id
                    JOIN stg_liquidlogic__fact_cp_conference c ON c.fact_s47_id = s.fact_s47_id AND NOT coalesce(c.transfer_in_flag, false)
                    JOIN stg_liquidlogic__fact_meetings cm ON cm.fact_meeting_id = c.fact_meeting_id
                    WHERE sd._entered_in_ll AND sd.actual_dttm IS NOT NULL AND cm.actual_dttm IS NOT NULL""").detecting("DATES_OUT_OF_ORDER"),
            DqRule.of("CON02", CONSISTENCY, ERROR, "Early help (CAF) episode ends before it starts",
                    "Correct the CAF start or end date.", """
                    SELECT 'carefirst', 'CAF', CAST(caf_no AS STRING), _child_key, NULL, _team, trunc(start_date, 'MM'),
                           end_date < start_date, 'end date before start date'
                    FROM dq_carefirst__caf WHERE start_date IS NOT NULL AND end_date IS NOT NULL
                    UNION ALL
                    SELECT 'liquidlogic', 'FACT_CAF_EPISODE', CAST(fact_caf_episode_id AS STRING), _child_key, NULL, _team,
                           trunc(to_date(episode_start_dttm), 'MM'), to_date(episode_end_dttm) < to_date(episode_start_dttm), 'end date before start date'
                    FROM dq_liquidlogic__fact_caf_episode WHERE _entered_in_ll AND episode_start_dttm IS NOT NULL AND episode_end_dttm IS NOT NULL""")
                    .detecting("DATES_OUT_OF_ORDER"),
            DqRule.of("CON03", CONSISTENCY, ERROR, "Looked-after episode ceases before it starts",
                    "Correct the episode's start or end date.", """
                    SELECT 'carefirst', 'LAC_EPISODES', CAST(episode_no AS STRING), _child_key, NULL, _team, trunc(start_date, 'MM'),
                           end_date < start_date, 'episode end before start'
                    FROM dq_carefirst__lac_episodes WHERE start_date IS NOT NULL AND end_date IS NOT NULL
                    UNION ALL
                    SELECT 'liquidlogic', 'FACT_CARE_EPISODES', CAST(fact_care_episodes_id AS STRING), _child_key, NULL, _team,
                           trunc(care_start_date, 'MM'), care_end_date < care_start_date, 'episode end before start'
                    FROM dq_liquidlogic__fact_care_episodes WHERE _entered_in_ll AND care_start_date IS NOT NULL AND care_end_date IS NOT NULL""")
                    .dfe("903 356"),
            DqRule.of("CON04", CONSISTENCY, ERROR, "Child protection plan ends before it starts",
                    "Correct the plan's start or end date.", """
                    SELECT source_system, 'fct_cp_plan', source_key, child_key, worker_key, team, trunc(start_date, 'MM'),
                           end_date < start_date, 'plan end before start'
                    FROM fct_cp_plan WHERE start_date IS NOT NULL AND end_date IS NOT NULL"""),
            DqRule.of("CON05", CONSISTENCY, ERROR, "Period of care ends before it starts",
                    "Correct the period of care's start or end date.", """
                    SELECT source_system, 'fct_period_of_care', source_key, child_key, worker_key, team, trunc(start_date, 'MM'),
                           end_date < start_date, 'period end before start'
                    FROM fct_period_of_care WHERE start_date IS NOT NULL AND end_date IS NOT NULL"""),
            DqRule.of("CON06", CONSISTENCY, ERROR, "Assessment authorised before it started",
                    "Correct the assessment's start or authorisation date.", """
                    SELECT source_system, 'fct_assessment', source_key, child_key, worker_key, team, trunc(start_date, 'MM'),
                           authorised_date < start_date, 'authorised before start'
                    FROM fct_assessment WHERE start_date IS NOT NULL AND authorised_date IS NOT NULL"""),
            overlap("CON07", "fct_cp_plan", "plan_key", "child protection plans",
                    "End the earlier plan when the new one starts, or delete the duplicate plan."),
            overlap("CON08", "fct_period_of_care", "period_key", "periods of care",
                    "End the earlier period of care, or merge the two periods."),
            DqRule.of("CON09", CONSISTENCY, ERROR, "Child protection plan without an initial conference",
                    "Link the plan to the conference that decided it (record the conference if it is missing).", """
                    SELECT p.source_system, 'fct_cp_plan', p.source_key, p.child_key, p.worker_key, p.team, trunc(p.start_date, 'MM'),
                           c.conference_key IS NULL, 'no conference linked to the plan'
                    FROM fct_cp_plan p LEFT JOIN fct_conference c ON c.conference_key = p.conference_key"""),
            DqRule.of("CON10", CONSISTENCY, ERROR, "Period of care without a legal status",
                    "Record the legal status under which the child is looked after.", """
                    SELECT p.source_system, 'fct_period_of_care', p.source_key, p.child_key, first(p.worker_key), first(p.team), trunc(p.start_date, 'MM'),
                           count(l.legal_status_key) = 0, 'no legal status during the period'
                    FROM fct_period_of_care p
                    LEFT JOIN fct_legal_status l ON l.child_key = p.child_key AND l.start_date <= coalesce(p.end_date, %1$s)
                         AND coalesce(l.end_date, %1$s) >= p.start_date
                    GROUP BY p.source_system, p.source_key, p.child_key, p.start_date, p.period_key""".formatted(FAR)),
            DqRule.of("CON11", CONSISTENCY, ERROR, "Period of care without a placement",
                    "Record where the child is placed.", """
                    SELECT p.source_system, 'fct_period_of_care', p.source_key, p.child_key, first(p.worker_key), first(p.team), trunc(p.start_date, 'MM'),
                           count(x.placement_key) = 0, 'no placement during the period'
                    FROM fct_period_of_care p
                    LEFT JOIN fct_placement x ON x.child_key = p.child_key AND x.start_date <= coalesce(p.end_date, %1$s)
                         AND coalesce(x.end_date, %1$s) >= p.start_date
                    GROUP BY p.source_system, p.source_key, p.child_key, p.start_date, p.period_key""".formatted(FAR)),
            DqRule.of("CON12", CONSISTENCY, WARNING, "Looked-after child (28 days or more) with no health assessment due or done",
                    "Request the initial health assessment and record its due date.", """
                    SELECT p.source_system, 'fct_period_of_care', p.source_key, p.child_key, first(p.worker_key), first(p.team), trunc(p.start_date, 'MM'),
                           count(h.check_key) = 0, 'no health assessment recorded during the period'
                    FROM fct_period_of_care p
                    LEFT JOIN fct_health_check h ON h.child_key = p.child_key AND h.check_type IN ('IHA', 'RHA')
                         AND coalesce(h.check_date, h.due_date) BETWEEN p.start_date AND coalesce(p.end_date, %1$s)
                    WHERE datediff(coalesce(p.end_date, current_date()), p.start_date) >= 28
                    GROUP BY p.source_system, p.source_key, p.child_key, p.start_date, p.period_key""".formatted(FAR))
    );
}
