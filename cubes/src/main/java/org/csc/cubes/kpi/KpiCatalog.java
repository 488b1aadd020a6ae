package org.csc.cubes.kpi;

import java.util.List;

import static org.csc.cubes.kpi.Kpi.Basis.ASAT;
import static org.csc.cubes.kpi.Kpi.Basis.MONTH;
import static org.csc.cubes.kpi.Kpi.Basis.R12;
import static org.csc.cubes.kpi.Kpi.Basis.YTD;
import static org.csc.cubes.kpi.Kpi.Polarity.HIGH;
import static org.csc.cubes.kpi.Kpi.Polarity.LOW;
import static org.csc.cubes.kpi.Kpi.Polarity.NONE;
import static org.csc.cubes.kpi.Kpi.Unit.COUNT;
import static org.csc.cubes.kpi.Kpi.Unit.PERCENT;
import static org.csc.cubes.kpi.Kpi.Unit.PER_10K;
import static org.csc.cubes.kpi.Kpi.Unit.RATIO;

/**
 * Every indicator of KPI_DEFINITIONS.md, each defined once, plus the shared helper views their
 * SQL reads (who is on a plan / looked after / allocated at a date). Conventions used throughout:
 * "open at D" = start_date <= D AND (end_date IS NULL OR end_date > D); a duration in working days
 * A->B = wd_index(B) - wd_index(A) from dim_date (a date before the calendar counts as index 0);
 * "within N months before D" = on or after add_months(D, -N) (Spark clamps 29 Feb to 28 Feb).
 */
public final class KpiCatalog {
    private KpiCatalog() {}

    /** A named view registered before the indicators' SQL runs (in this order). */
    public record Helper(String name, String sql) {}

    public static final List<Helper> HELPERS = List.of(
            // The worker version (type 2) in force at each reporting date, employed at that date.
            new Helper("kpi_h_worker_asat", """
                    SELECT d.as_at, w.worker_key, w.team, w.area, w.job_title_code, coalesce(w.is_social_worker, false) AS is_social_worker,
                           coalesce(w.is_qualified, false) AS is_qualified, coalesce(w.fte, 0D) AS fte,
                           coalesce(w.is_agency, false) AS is_agency, w.max_caseload
                    FROM asat_dates d
                    JOIN dim_worker w ON w.valid_from <= d.as_at AND (w.valid_to IS NULL OR w.valid_to > d.as_at)
                     AND (w.start_date IS NULL OR w.start_date <= d.as_at) AND (w.end_date IS NULL OR w.end_date > d.as_at)
                    """),
            // Counting allocations (CW, 16PLUS) open at each date.
            new Helper("kpi_h_allocation_open", """
                    SELECT d.as_at, a.allocation_key, a.child_key, a.worker_key, a.start_date, a.team, a.area
                    FROM asat_dates d
                    JOIN fct_allocation a ON a.counts_to_caseload AND a.start_date <= d.as_at AND (a.end_date IS NULL OR a.end_date > d.as_at)
                    """),
            // A child's allocated worker at each date (the earliest-started counting allocation) and that
            // worker's team then: child-at-date measures belong to this team, or to Unallocated.
            new Helper("kpi_h_child_team", """
                    SELECT as_at, child_key, worker_key, team, area, is_qualified FROM (
                      SELECT a.as_at, a.child_key, a.worker_key, coalesce(w.team, a.team) AS team, coalesce(w.area, a.area) AS area,
                             coalesce(w.is_qualified, false) AS is_qualified,
                             row_number() OVER (PARTITION BY a.as_at, a.child_key ORDER BY a.start_date, a.allocation_key) AS rn
                      FROM kpi_h_allocation_open a
                      LEFT JOIN kpi_h_worker_asat w ON w.as_at = a.as_at AND w.worker_key = a.worker_key
                      WHERE a.child_key IS NOT NULL)
                    WHERE rn = 1
                    """),
            // Children on a CP plan at each date, one row per child (two overlapping plans count once).
            new Helper("kpi_h_plan_asat", """
                    SELECT as_at, child_key, plan_key, start_date, conference_key FROM (
                      SELECT d.as_at, p.child_key, p.plan_key, p.start_date, p.conference_key,
                             row_number() OVER (PARTITION BY d.as_at, p.child_key ORDER BY p.start_date, p.plan_key) AS rn
                      FROM asat_dates d
                      JOIN fct_cp_plan p ON p.start_date <= d.as_at AND (p.end_date IS NULL OR p.end_date > d.as_at)
                      WHERE p.child_key IS NOT NULL)
                    WHERE rn = 1
                    """),
            // Looked after at each date: a period of care open and the latest legal status started on or
            // before the date is not a short break (V3/V4). Periods of care already join consecutive
            // episodes (continuations), so period_start is the start of continuous care.
            new Helper("kpi_h_cla_asat", """
                    WITH open_periods AS (
                      SELECT d.as_at, p.child_key, p.period_key, p.start_date, p.team, p.area,
                             row_number() OVER (PARTITION BY d.as_at, p.child_key ORDER BY p.start_date, p.period_key) AS rn
                      FROM asat_dates d
                      JOIN fct_period_of_care p ON p.start_date <= d.as_at AND (p.end_date IS NULL OR p.end_date > d.as_at)
                      WHERE p.child_key IS NOT NULL),
                    legal AS (
                      SELECT d.as_at, l.child_key, l.legal_status_code,
                             row_number() OVER (PARTITION BY d.as_at, l.child_key ORDER BY l.start_date DESC, l.legal_status_key DESC) AS rn
                      FROM asat_dates d JOIN fct_legal_status l ON l.start_date <= d.as_at)
                    SELECT o.as_at, o.child_key, o.period_key, o.start_date AS period_start
                    FROM open_periods o
                    JOIN legal g ON g.as_at = o.as_at AND g.child_key = o.child_key AND g.rn = 1
                    WHERE o.rn = 1 AND g.legal_status_code NOT IN (${short_break_statuses})
                    """),
            // Placements that are not short breaks (the legal status in force when the placement started is not V3/V4).
            new Helper("kpi_h_placement", """
                    SELECT x.placement_key, x.child_key, x.period_key, x.start_date, x.end_date, x.placement_type_code, x.distance_miles,
                           lag(x.start_date) OVER (PARTITION BY x.child_key ORDER BY x.start_date, x.placement_key) AS prev_start
                    FROM fct_placement x
                    LEFT ANTI JOIN fct_legal_status l ON l.child_key = x.child_key AND l.legal_status_code IN (${short_break_statuses})
                      AND l.start_date <= x.start_date AND (l.end_date IS NULL OR l.end_date > x.start_date)
                    WHERE x.child_key IS NOT NULL
                    """),
            // The current placement of each looked-after child: the latest one of the period started by the date.
            new Helper("kpi_h_cla_placement", """
                    SELECT as_at, child_key, period_start, placement_key, start_date, placement_type_code, distance_miles, prev_start FROM (
                      SELECT c.as_at, c.child_key, c.period_start, x.placement_key, x.start_date, x.placement_type_code, x.distance_miles,
                             CASE WHEN x.prev_start >= c.period_start THEN x.prev_start END AS prev_start,
                             row_number() OVER (PARTITION BY c.as_at, c.child_key ORDER BY x.start_date DESC, x.placement_key DESC) AS rn
                      FROM kpi_h_cla_asat c
                      JOIN kpi_h_placement x ON x.child_key = c.child_key AND x.start_date <= c.as_at AND x.start_date >= c.period_start)
                    WHERE rn = 1
                    """),
            // Cases per worker at each date (counting allocations).
            new Helper("kpi_h_worker_caseload", """
                    SELECT w.as_at, w.worker_key, w.team, w.area, w.is_qualified, w.fte, w.max_caseload, count(a.allocation_key) AS cases
                    FROM kpi_h_worker_asat w
                    JOIN kpi_h_allocation_open a ON a.as_at = w.as_at AND a.worker_key = w.worker_key
                    GROUP BY w.as_at, w.worker_key, w.team, w.area, w.is_qualified, w.fte, w.max_caseload
                    """)
    );

    /** Team and area of a child at as_at (alias t = kpi_h_child_team, left joined). */
    private static final String CHILD_TEAM = "coalesce(t.team, '${unallocated}') AS team, coalesce(t.area, '${unallocated}') AS area";

    public static final List<Kpi> ALL = List.of(
            // ------------------------------------------------------------------ front door
            new Kpi("contacts", "Contacts received",
                    "Contacts received at the front door (both systems; a contact held in both counted once).",
                    COUNT, NONE, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    SELECT contact_key AS member_key, child_key, contact_date AS event_date, team, area, 1 AS num, 0 AS den
                    FROM fct_contact
                    """),
            new Kpi("contact_to_referral_pct", "Contacts becoming referrals (%)",
                    "Contacts whose outcome is a new referral / contacts.",
                    PERCENT, NONE, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    SELECT contact_key AS member_key, child_key, contact_date AS event_date, team, area,
                           CASE WHEN is_new_referral THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_contact
                    """),
            new Kpi("referrals", "Referrals",
                    "Referrals received (each referral counted, also repeat ones for a child).",
                    COUNT, NONE, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    SELECT referral_key AS member_key, child_key, referral_date AS event_date, team, area, 1 AS num, 0 AS den
                    FROM fct_referral
                    """),
            new Kpi("referrals_per_10k", "Referrals per 10,000 children",
                    "Referrals / under-18 population x 10,000 (population of the calendar year the period ends in).",
                    PER_10K, NONE, List.of(YTD, R12), Kpi.Kind.EVENT, """
                    SELECT referral_key AS member_key, child_key, referral_date AS event_date, team, area, 1 AS num, 0 AS den
                    FROM fct_referral
                    """),
            new Kpi("rereferrals_12m_pct", "Re-referrals within 12 months (%)",
                    "Referrals within 12 months of a previous referral of the same child (on or after the date minus 12 months, "
                            + "before the date; 29 Feb minus 12 months is 28 Feb) / referrals.",
                    PERCENT, LOW, List.of(MONTH, YTD, R12), Kpi.Kind.EVENT, """
                    WITH repeat AS (
                      SELECT DISTINCT r.referral_key
                      FROM fct_referral r
                      JOIN fct_referral p ON p.child_key = r.child_key AND p.referral_date < r.referral_date
                       AND p.referral_date >= add_months(r.referral_date, -${rereferral_months}))
                    SELECT r.referral_key AS member_key, r.child_key, r.referral_date AS event_date, r.team, r.area,
                           CASE WHEN x.referral_key IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_referral r LEFT JOIN repeat x ON x.referral_key = r.referral_key
                    """),
            new Kpi("referrals_nfa_pct", "Referrals with no further action (%)",
                    "Referrals ending in no further action before any assessment / referrals.",
                    PERCENT, NONE, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    SELECT referral_key AS member_key, child_key, referral_date AS event_date, team, area,
                           CASE WHEN is_nfa THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_referral
                    """),
            new Kpi("referral_to_assessment_pct", "Referrals leading to an assessment (%)",
                    "Referrals with an assessment linked to them or started for the child within 30 calendar days after the "
                            + "referral date (cancelled assessments not counted) / referrals.",
                    PERCENT, NONE, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    WITH hit AS (
                      SELECT r.referral_key FROM fct_referral r
                      JOIN fct_assessment a ON a.referral_key = r.referral_key
                      WHERE coalesce(a.status_code, '') <> 'X'
                      UNION
                      SELECT r.referral_key FROM fct_referral r
                      JOIN fct_assessment a ON a.child_key = r.child_key
                       AND a.start_date >= r.referral_date AND a.start_date <= date_add(r.referral_date, ${referral_assessment_days})
                      WHERE coalesce(a.status_code, '') <> 'X')
                    SELECT r.referral_key AS member_key, r.child_key, r.referral_date AS event_date, r.team, r.area,
                           CASE WHEN h.referral_key IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_referral r LEFT JOIN hit h ON h.referral_key = r.referral_key
                    """),
            new Kpi("assessments_45wd_pct", "Assessments within 45 working days (%)",
                    "Assessments authorised in the period whose duration start -> authorisation is at most 45 working days / "
                            + "assessments authorised (drafts and cancelled excluded; for the pre-2014 initial/core model the core "
                            + "assessment counts, from core start; initial assessments are not in this indicator).",
                    PERCENT, HIGH, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    SELECT a.assessment_key AS member_key, a.child_key, a.authorised_date AS event_date, a.team, a.area,
                           CASE WHEN de.wd_index - coalesce(ds.wd_index, 0) <= ${assessment_max_wd} THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_assessment a
                    LEFT JOIN dim_date ds ON ds.date = a.start_date
                    LEFT JOIN dim_date de ON de.date = a.authorised_date
                    WHERE a.authorised_date IS NOT NULL AND a.is_counted AND a.assessment_type IN (${assessment_types_counted})
                    """),
            new Kpi("s47_per_10k", "Section 47 enquiries per 10,000 children",
                    "Section 47 enquiries started / under-18 population x 10,000.",
                    PER_10K, NONE, List.of(YTD, R12), Kpi.Kind.EVENT, """
                    SELECT s47_key AS member_key, child_key, start_date AS event_date, team, area, 1 AS num, 0 AS den
                    FROM fct_s47
                    """),
            new Kpi("icpc_15wd_pct", "Initial conferences within 15 working days (%)",
                    "Initial conferences held in the period within 15 working days of the strategy discussion / initial "
                            + "conferences held (transfer-in conferences excluded; a conference dated before its strategy "
                            + "discussion is a data-quality failure and excluded; one with no strategy date counts as not in time).",
                    PERCENT, HIGH, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    SELECT c.conference_key AS member_key, c.child_key, c.conference_date AS event_date, c.team, c.area,
                           CASE WHEN c.strategy_date IS NOT NULL AND dc.wd_index - coalesce(ds.wd_index, 0) <= ${icpc_max_wd}
                                THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_conference c
                    LEFT JOIN dim_date ds ON ds.date = c.strategy_date
                    LEFT JOIN dim_date dc ON dc.date = c.conference_date
                    WHERE c.conference_type = 'ICPC' AND (c.strategy_date IS NULL OR c.conference_date >= c.strategy_date)
                    """),
            // ------------------------------------------------------------------ child protection
            new Kpi("cpp_per_10k", "Children subject of a CP plan per 10,000",
                    "Children subject of a child protection plan at the period end / under-18 population x 10,000.",
                    PER_10K, NONE, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT p.as_at, p.plan_key AS member_key, p.child_key, %s, 1 AS num, 0 AS den
                    FROM kpi_h_plan_asat p LEFT JOIN kpi_h_child_team t ON t.as_at = p.as_at AND t.child_key = p.child_key
                    """.formatted(CHILD_TEAM)),
            new Kpi("cpp_starts_per_10k", "CP plans started per 10,000",
                    "Child protection plans started / under-18 population x 10,000.",
                    PER_10K, LOW, List.of(YTD, R12), Kpi.Kind.EVENT, """
                    SELECT plan_key AS member_key, child_key, start_date AS event_date, team, area, 1 AS num, 0 AS den
                    FROM fct_cp_plan
                    """),
            new Kpi("cpp_second_time_pct", "CP plans for a second or later time (%)",
                    "Plans started whose child had any earlier plan / plans started.",
                    PERCENT, LOW, List.of(YTD), Kpi.Kind.EVENT, """
                    WITH again AS (
                      SELECT DISTINCT p.plan_key FROM fct_cp_plan p
                      JOIN fct_cp_plan q ON q.child_key = p.child_key AND q.start_date < p.start_date)
                    SELECT p.plan_key AS member_key, p.child_key, p.start_date AS event_date, p.team, p.area,
                           CASE WHEN a.plan_key IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_cp_plan p LEFT JOIN again a ON a.plan_key = p.plan_key
                    """),
            new Kpi("cpp_second_time_2y_pct", "CP plans within 2 years of a previous plan (%)",
                    "Plans started within 2 years of the end of the child's previous plan (previous plan ended on or after the "
                            + "start minus 24 months) / plans started (the seed's CSC 011).",
                    PERCENT, LOW, List.of(YTD), Kpi.Kind.EVENT, """
                    WITH again AS (
                      SELECT DISTINCT p.plan_key FROM fct_cp_plan p
                      JOIN fct_cp_plan q ON q.child_key = p.child_key AND q.start_date < p.start_date
                       AND q.end_date IS NOT NULL AND q.end_date >= add_months(p.start_date, -${cp_second_plan_months}))
                    SELECT p.plan_key AS member_key, p.child_key, p.start_date AS event_date, p.team, p.area,
                           CASE WHEN a.plan_key IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_cp_plan p LEFT JOIN again a ON a.plan_key = p.plan_key
                    """),
            new Kpi("cpp_open_2y_pct", "Children on a CP plan for 2 years or more (%)",
                    "Children on a plan that has lasted 2 years or more at the period end / children on a plan.",
                    PERCENT, LOW, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT p.as_at, p.plan_key AS member_key, p.child_key, %s,
                           CASE WHEN p.start_date <= add_months(p.as_at, -${cp_long_plan_months}) THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM kpi_h_plan_asat p LEFT JOIN kpi_h_child_team t ON t.as_at = p.as_at AND t.child_key = p.child_key
                    """.formatted(CHILD_TEAM)),
            new Kpi("cpp_ceased_2y_pct", "CP plans ceasing after 2 years or more (%)",
                    "Plans ended in the period that had lasted 2 years or more / plans ended.",
                    PERCENT, LOW, List.of(YTD), Kpi.Kind.EVENT, """
                    SELECT plan_key AS member_key, child_key, end_date AS event_date, team, area,
                           CASE WHEN start_date <= add_months(end_date, -${cp_long_plan_months}) THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM fct_cp_plan WHERE end_date IS NOT NULL
                    """),
            new Kpi("cp_allocated_qualified_pct", "CP children allocated to a qualified social worker (%)",
                    "Children on a plan whose allocated worker is a registered social worker / children on a plan.",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT p.as_at, p.plan_key AS member_key, p.child_key, %s,
                           CASE WHEN t.is_qualified THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM kpi_h_plan_asat p LEFT JOIN kpi_h_child_team t ON t.as_at = p.as_at AND t.child_key = p.child_key
                    """.formatted(CHILD_TEAM)),
            new Kpi("cp_reviews_in_time_pct", "CP reviews in time (%)",
                    "Children on a plan for 3 months or more whose reviews were all on time (first within 3 months of the "
                            + "initial conference, then at most 6 months apart, and the next one not overdue at the period end) / "
                            + "children on a plan for 3 months or more.",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, """
                    WITH cohort AS (
                      SELECT p.as_at, p.child_key, p.plan_key, p.start_date, coalesce(c.conference_date, p.start_date) AS icpc_date
                      FROM kpi_h_plan_asat p LEFT JOIN fct_conference c ON c.conference_key = p.conference_key
                      WHERE p.start_date <= add_months(p.as_at, -${cp_review_cohort_months})),
                    rv AS (
                      SELECT k.as_at, k.plan_key, r.review_date,
                             lag(r.review_date) OVER (PARTITION BY k.as_at, k.plan_key ORDER BY r.review_date) AS prev
                      FROM cohort k JOIN fct_cp_review r ON r.plan_key = k.plan_key AND r.review_date <= k.as_at),
                    judged AS (
                      SELECT as_at, plan_key, min(review_date) AS first_review, max(review_date) AS last_review,
                             max(CASE WHEN prev IS NOT NULL AND review_date > add_months(prev, ${cp_review_next_months}) THEN 1 ELSE 0 END) AS late
                      FROM rv GROUP BY as_at, plan_key)
                    SELECT k.as_at, k.plan_key AS member_key, k.child_key, %s,
                           CASE WHEN j.plan_key IS NULL THEN CASE WHEN k.as_at <= add_months(k.icpc_date, ${cp_review_first_months}) THEN 1 ELSE 0 END
                                WHEN j.first_review <= add_months(k.icpc_date, ${cp_review_first_months}) AND j.late = 0
                                 AND k.as_at <= add_months(j.last_review, ${cp_review_next_months}) THEN 1 ELSE 0 END AS num,
                           1 AS den
                    FROM cohort k
                    LEFT JOIN judged j ON j.as_at = k.as_at AND j.plan_key = k.plan_key
                    LEFT JOIN kpi_h_child_team t ON t.as_at = k.as_at AND t.child_key = k.child_key
                    """.formatted(CHILD_TEAM)),
            new Kpi("cp_visits_in_time_pct", "CP visits in time (%)",
                    "Children on a plan started at least 10 working days before the period end who were seen on a statutory "
                            + "CP visit within the 10 working days up to the period end (duration visit -> end under 10) / those children.",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, """
                    WITH cohort AS (
                      SELECT p.as_at, p.child_key, p.plan_key, de.wd_index AS wd_end
                      FROM kpi_h_plan_asat p
                      JOIN dim_date de ON de.date = p.as_at
                      LEFT JOIN dim_date ds ON ds.date = p.start_date
                      WHERE de.wd_index - coalesce(ds.wd_index, 0) >= ${cp_visit_wd}),
                    seen AS (
                      SELECT DISTINCT k.as_at, k.child_key
                      FROM cohort k
                      JOIN fct_visit v ON v.child_key = k.child_key AND v.is_statutory AND v.visit_kind IN ('CP', 'ANY')
                       AND coalesce(v.child_seen, true) AND v.visit_date <= k.as_at
                      JOIN dim_date dv ON dv.date = v.visit_date
                      WHERE k.wd_end - dv.wd_index < ${cp_visit_wd})
                    SELECT k.as_at, k.plan_key AS member_key, k.child_key, %s,
                           CASE WHEN s.child_key IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM cohort k
                    LEFT JOIN seen s ON s.as_at = k.as_at AND s.child_key = k.child_key
                    LEFT JOIN kpi_h_child_team t ON t.as_at = k.as_at AND t.child_key = k.child_key
                    """.formatted(CHILD_TEAM)),
            // ------------------------------------------------------------------ looked after
            new Kpi("cla_per_10k", "Children looked after per 10,000",
                    "Children looked after at the period end (short-break legal statuses V3 and V4 excluded) / under-18 "
                            + "population x 10,000.",
                    PER_10K, NONE, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT c.as_at, c.period_key AS member_key, c.child_key, %s, 1 AS num, 0 AS den
                    FROM kpi_h_cla_asat c LEFT JOIN kpi_h_child_team t ON t.as_at = c.as_at AND t.child_key = c.child_key
                    """.formatted(CHILD_TEAM)),
            new Kpi("cla_allocated_qualified_pct", "Looked-after children allocated to a qualified social worker (%)",
                    "Looked-after children whose allocated worker is a registered social worker / looked-after children.",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT c.as_at, c.period_key AS member_key, c.child_key, %s,
                           CASE WHEN t.is_qualified THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM kpi_h_cla_asat c LEFT JOIN kpi_h_child_team t ON t.as_at = c.as_at AND t.child_key = c.child_key
                    """.formatted(CHILD_TEAM)),
            new Kpi("cla_3plus_placements_pct", "Looked-after children with 3+ placements in 12 months (%)",
                    "Looked-after children with 3 or more placements starting in the 12 months to the period end (a placement "
                            + "already open at the window start counts as one; short-break placements not counted) / looked-after children.",
                    PERCENT, LOW, List.of(ASAT), Kpi.Kind.ASAT, """
                    WITH n AS (
                      SELECT c.as_at, c.child_key, count(x.placement_key) AS placements
                      FROM kpi_h_cla_asat c
                      JOIN kpi_h_placement x ON x.child_key = c.child_key AND x.start_date <= c.as_at
                       AND (x.end_date IS NULL OR x.end_date > add_months(c.as_at, -12))
                      GROUP BY c.as_at, c.child_key)
                    SELECT c.as_at, c.period_key AS member_key, c.child_key, %s,
                           CASE WHEN coalesce(n.placements, 0) >= ${cla_placements_min} THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM kpi_h_cla_asat c
                    LEFT JOIN n ON n.as_at = c.as_at AND n.child_key = c.child_key
                    LEFT JOIN kpi_h_child_team t ON t.as_at = c.as_at AND t.child_key = c.child_key
                    """.formatted(CHILD_TEAM)),
            new Kpi("cla_long_term_stability_pct", "Long-term placement stability (%)",
                    "Looked-after children under 16 looked after continuously for 2.5 years or more who have been in the same "
                            + "placement for 2 years or more (or placed for adoption, with the adoptive and the previous placement "
                            + "together 2 years or more) / those children (the seed's CSC 016).",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT c.as_at, c.period_key AS member_key, c.child_key, %s,
                           CASE WHEN x.start_date <= add_months(c.as_at, -${cla_stability_placement_months}) THEN 1
                                WHEN x.placement_type_code IN (${adoption_placement_types})
                                 AND x.prev_start <= add_months(c.as_at, -${cla_stability_placement_months}) THEN 1
                                ELSE 0 END AS num, 1 AS den
                    FROM kpi_h_cla_asat c
                    JOIN dim_child ch ON ch.child_key = c.child_key
                    LEFT JOIN kpi_h_cla_placement x ON x.as_at = c.as_at AND x.child_key = c.child_key
                    LEFT JOIN kpi_h_child_team t ON t.as_at = c.as_at AND t.child_key = c.child_key
                    WHERE add_months(ch.date_of_birth, ${cla_stability_max_age_months}) > c.as_at
                      AND c.period_start <= add_months(c.as_at, -${cla_stability_care_months})
                    """.formatted(CHILD_TEAM)),
            new Kpi("cla_over_20_miles_pct", "Looked-after children placed over 20 miles from home (%)",
                    "Looked-after children whose current placement is more than 20 miles from home / looked-after children "
                            + "with a known distance; children with an unknown distance (or no placement) are counted in 'extra'.",
                    PERCENT, LOW, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT c.as_at, c.period_key AS member_key, c.child_key, %s,
                           CASE WHEN x.distance_miles > ${cla_distance_miles} THEN 1 ELSE 0 END AS num,
                           CASE WHEN x.distance_miles IS NOT NULL THEN 1 ELSE 0 END AS den,
                           CASE WHEN x.distance_miles IS NULL THEN 1 ELSE 0 END AS extra
                    FROM kpi_h_cla_asat c
                    LEFT JOIN kpi_h_cla_placement x ON x.as_at = c.as_at AND x.child_key = c.child_key
                    LEFT JOIN kpi_h_child_team t ON t.as_at = c.as_at AND t.child_key = c.child_key
                    """.formatted(CHILD_TEAM)).withExtra("unknown_distance"),
            new Kpi("cla_visits_in_time_pct", "Looked-after children visits in time (%)",
                    "Looked-after children with no statutory visit overdue at the period end / looked-after children. A visit "
                            + "is due 7 days after the current placement starts, then 42 days after the previous visit, or 91 days "
                            + "after it once the visit falls after the first year of a long-term placement (U1, U4, placed for adoption).",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, """
                    WITH lastv AS (
                      SELECT x.as_at, x.child_key, max(v.visit_date) AS last_visit
                      FROM kpi_h_cla_placement x
                      JOIN fct_visit v ON v.child_key = x.child_key AND v.is_statutory AND v.visit_kind IN ('LAC', 'ANY')
                       AND v.visit_date >= x.start_date AND v.visit_date <= x.as_at
                      GROUP BY x.as_at, x.child_key)
                    SELECT c.as_at, c.period_key AS member_key, c.child_key, %s,
                           CASE WHEN x.placement_key IS NULL THEN 1
                                WHEN l.last_visit IS NULL THEN CASE WHEN c.as_at <= date_add(x.start_date, ${cla_visit_first_days}) THEN 1 ELSE 0 END
                                WHEN x.placement_type_code IN (${long_term_placement_types}) AND l.last_visit >= add_months(x.start_date, 12)
                                  THEN CASE WHEN c.as_at <= date_add(l.last_visit, ${cla_visit_long_term_days}) THEN 1 ELSE 0 END
                                ELSE CASE WHEN c.as_at <= date_add(l.last_visit, ${cla_visit_days}) THEN 1 ELSE 0 END END AS num,
                           1 AS den
                    FROM kpi_h_cla_asat c
                    LEFT JOIN kpi_h_cla_placement x ON x.as_at = c.as_at AND x.child_key = c.child_key
                    LEFT JOIN lastv l ON l.as_at = c.as_at AND l.child_key = c.child_key
                    LEFT JOIN kpi_h_child_team t ON t.as_at = c.as_at AND t.child_key = c.child_key
                    """.formatted(CHILD_TEAM)),
            // Evaluated at each period end over the year so far: the cohort depends on the end date
            // (only children whose 20 working days have run out by then), so it is an ASAT-kind YTD.
            new Kpi("cla_iha_20wd_pct", "Initial health assessments within 20 working days (%)",
                    "Children who started to be looked after since 1 April whose initial health assessment was completed "
                            + "within 20 working days / those children whose 20 working days ended by the period end.",
                    PERCENT, HIGH, List.of(YTD), Kpi.Kind.ASAT, """
                    WITH cohort AS (
                      SELECT d.as_at, p.period_key, p.child_key, p.start_date, p.team, p.area, coalesce(ds.wd_index, 0) AS wd_start
                      FROM asat_dates d
                      JOIN dim_date de ON de.date = d.as_at
                      JOIN fct_period_of_care p ON p.start_date >= de.fin_year_start AND p.start_date <= d.as_at
                      LEFT JOIN dim_date ds ON ds.date = p.start_date
                      LEFT ANTI JOIN fct_legal_status l ON l.child_key = p.child_key AND l.legal_status_code IN (${short_break_statuses})
                        AND l.start_date <= p.start_date AND (l.end_date IS NULL OR l.end_date > p.start_date)
                      WHERE p.child_key IS NOT NULL AND de.wd_index - coalesce(ds.wd_index, 0) >= ${iha_max_wd}),
                    done AS (
                      SELECT DISTINCT k.as_at, k.period_key
                      FROM cohort k
                      JOIN fct_health_check h ON h.child_key = k.child_key AND h.check_type = 'IHA' AND h.status_code = 'COMPLETED'
                       AND h.check_date >= k.start_date
                      JOIN dim_date dh ON dh.date = h.check_date
                      WHERE dh.wd_index - k.wd_start <= ${iha_max_wd})
                    SELECT k.as_at, k.period_key AS member_key, k.child_key, k.team, k.area,
                           CASE WHEN d.period_key IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM cohort k LEFT JOIN done d ON d.as_at = k.as_at AND d.period_key = k.period_key
                    """),
            new Kpi("cla_health_check_pct", "Looked-after children with a health assessment (%)",
                    "Looked-after children in care continuously for 12 months or more with a completed health assessment "
                            + "(review or initial) in the 12 months to the period end / those children.",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, healthCheckSql("'RHA', 'IHA'")),
            new Kpi("cla_dental_check_pct", "Looked-after children with a dental check (%)",
                    "The same cohort with a dental check in the 12 months to the period end, from the case system or the "
                            + "manual log / that cohort.",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, healthCheckSql("'DENTAL'")),
            // ------------------------------------------------------------------ care leavers
            new Kpi("care_leavers_suitable_accom_pct", "Care leavers 19-21 in suitable accommodation (%)",
                    "Care leavers aged 19 to 21 (eligibility former relevant) whose latest keeping-in-touch record is in "
                            + "suitable accommodation / care leavers aged 19 to 21 (those not in touch stay in the denominator).",
                    PERCENT, HIGH, List.of(ASAT), Kpi.Kind.ASAT, careLeaverSql("k.accommodation_suitable")),
            new Kpi("care_leavers_neet_pct", "Care leavers 19-21 not in education, employment or training (%)",
                    "The same cohort whose latest activity is not in education, employment or training / the cohort.",
                    PERCENT, LOW, List.of(ASAT), Kpi.Kind.ASAT, careLeaverSql("k.is_neet")),
            // ------------------------------------------------------------------ early help
            new Kpi("cafs_opened", "Early help (CAF) episodes opened",
                    "Early help (CAF) episodes opened, by area.",
                    COUNT, NONE, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    SELECT caf_key AS member_key, child_key, start_date AS event_date, team, area, 1 AS num, 0 AS den
                    FROM fct_caf
                    """),
            // ------------------------------------------------------------------ workforce
            new Kpi("caseload_per_fte", "Children per social worker FTE",
                    "Children allocated to registered social workers (counting allocations open at the date) / FTE of the "
                            + "registered social workers holding at least one case.",
                    RATIO, LOW, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT as_at, worker_key AS member_key, CAST(NULL AS STRING) AS child_key, team, area, cases AS num, fte AS den
                    FROM kpi_h_worker_caseload WHERE is_qualified
                    """).withGrain(Kpi.Grain.WORKFORCE),
            new Kpi("workers_over_max_pct", "Workers over their recommended caseload (%)",
                    "Workers whose caseload exceeds their recommended maximum (by job title, pro rata to FTE: dim_worker."
                            + "max_caseload) / workers holding cases.",
                    PERCENT, LOW, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT as_at, worker_key AS member_key, CAST(NULL AS STRING) AS child_key, team, area,
                           CASE WHEN cases > max_caseload THEN 1 ELSE 0 END AS num, 1 AS den
                    FROM kpi_h_worker_caseload
                    """).withGrain(Kpi.Grain.WORKFORCE),
            new Kpi("agency_sw_rate_pct", "Agency social worker rate (FTE %)",
                    "Agency registered social worker FTE / all registered social worker FTE employed at the date.",
                    PERCENT, LOW, List.of(ASAT), Kpi.Kind.ASAT, """
                    SELECT as_at, worker_key AS member_key, CAST(NULL AS STRING) AS child_key, team, area,
                           CASE WHEN is_agency THEN fte ELSE 0D END AS num, fte AS den
                    FROM kpi_h_worker_asat WHERE is_qualified
                    """).withGrain(Kpi.Grain.WORKFORCE),
            new Kpi("sickness_days_per_fte", "Sickness days lost per FTE",
                    "Working days lost to sickness / FTE, by service (the authority figure covers the services in the "
                            + "parameter sickness_services; over several months the FTE is the average of the months with data).",
                    RATIO, LOW, List.of(MONTH, YTD), Kpi.Kind.EVENT, """
                    SELECT concat(service, '|', CAST(month_end AS STRING)) AS member_key, CAST(NULL AS STRING) AS child_key,
                           month_end AS event_date, service AS team, service AS area, days_lost AS num, fte AS den
                    FROM fct_sickness WHERE service IN (${sickness_services})
                    """).withDenominator(Kpi.Denominator.MONTHLY_AVERAGE).withGrain(Kpi.Grain.WORKFORCE)
    );

    private static String healthCheckSql(String types) {
        return """
                WITH done AS (
                  SELECT DISTINCT c.as_at, c.child_key
                  FROM kpi_h_cla_asat c
                  JOIN fct_health_check h ON h.child_key = c.child_key AND h.check_type IN (%s) AND h.status_code = 'COMPLETED'
                   AND h.check_date > add_months(c.as_at, -${health_cohort_months}) AND h.check_date <= c.as_at)
                SELECT c.as_at, c.period_key AS member_key, c.child_key, %s,
                       CASE WHEN d.child_key IS NOT NULL THEN 1 ELSE 0 END AS num, 1 AS den
                FROM kpi_h_cla_asat c
                LEFT JOIN done d ON d.as_at = c.as_at AND d.child_key = c.child_key
                LEFT JOIN kpi_h_child_team t ON t.as_at = c.as_at AND t.child_key = c.child_key
                WHERE c.period_start <= add_months(c.as_at, -${health_cohort_months})
                """.formatted(types, CHILD_TEAM);
    }

    private static String careLeaverSql(String flag) {
        return """
                WITH cohort AS (
                  SELECT d.as_at, s.child_key
                  FROM asat_dates d
                  CROSS JOIN fct_care_leaver_status s
                  JOIN dim_child ch ON ch.child_key = s.child_key
                  WHERE s.eligibility_code IN (${care_leaver_eligibility})
                    AND add_months(ch.date_of_birth, ${care_leaver_min_age_months}) <= d.as_at
                    AND add_months(ch.date_of_birth, ${care_leaver_max_age_months}) > d.as_at),
                latest AS (
                  SELECT * FROM (
                    SELECT k.as_at, k.child_key, c.accommodation_suitable, c.is_neet,
                           row_number() OVER (PARTITION BY k.as_at, k.child_key ORDER BY c.contact_date DESC, c.contact_key DESC) AS rn
                    FROM cohort k JOIN fct_care_leaver_contact c ON c.child_key = k.child_key AND c.contact_date <= k.as_at)
                  WHERE rn = 1)
                SELECT k.as_at, k.child_key AS member_key, k.child_key, %s,
                       CASE WHEN coalesce(%s, false) THEN 1 ELSE 0 END AS num, 1 AS den
                FROM cohort k
                LEFT JOIN latest k2 ON k2.as_at = k.as_at AND k2.child_key = k.child_key
                LEFT JOIN kpi_h_child_team t ON t.as_at = k.as_at AND t.child_key = k.child_key
                """.formatted(CHILD_TEAM, flag.replace("k.", "k2."));
    }

    public static Kpi byCode(String code) {
        return ALL.stream().filter(k -> k.code().equals(code)).findFirst().orElse(null);
    }
}
