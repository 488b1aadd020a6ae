package org.csc.etl.quality;

import org.csc.warehouse.errors.Errors;

import java.util.Arrays;
import java.util.Locale;

/**
 * Cohorts for managers' case audits, as SQL over the conformed star. Each returns one row per
 * case: source_system, source_key (the record to open), child_key, worker_key, team, detail.
 * ${asat} is the date the cohort is taken at; ${wd45} the assessment timescale.
 */
public enum AuditCohorts {
    SECTION20("looked-after children accommodated under section 20 (legal status V2) at the date", """
            SELECT l.source_system, l.source_key, l.child_key, l.worker_key, l.team,
                   concat('section 20 since ', l.start_date) AS detail
            FROM fct_legal_status l
            WHERE l.legal_status_code = 'V2' AND l.start_date <= ${asat} AND (l.end_date IS NULL OR l.end_date > ${asat})
              AND l.child_key IS NOT NULL"""),
    CP_PLANS("children subject of a child protection plan at the date", """
            SELECT p.source_system, p.source_key, p.child_key, p.worker_key, p.team,
                   concat('plan since ', p.start_date, ', category ', coalesce(p.latest_category, p.initial_category, '?')) AS detail
            FROM fct_cp_plan p
            WHERE p.start_date <= ${asat} AND (p.end_date IS NULL OR p.end_date > ${asat}) AND p.child_key IS NOT NULL"""),
    LATE_ASSESSMENTS("assessments authorised in the 12 months to the date more than 45 working days after they started", """
            SELECT a.source_system, a.source_key, a.child_key, a.worker_key, a.team,
                   concat('authorised after ', b.wd_index - s.wd_index, ' working days') AS detail
            FROM fct_assessment a JOIN dim_date s ON s.date = a.start_date JOIN dim_date b ON b.date = a.authorised_date
            WHERE a.is_counted AND a.authorised_date <= ${asat} AND a.authorised_date > add_months(${asat}, -12)
              AND b.wd_index - s.wd_index > ${wd45} AND a.child_key IS NOT NULL""");

    private final String description;
    private final String sql;

    AuditCohorts(String description, String sql) {
        this.description = description;
        this.sql = sql;
    }

    public String description() { return description; }

    public String sql(java.time.LocalDate asAt, int assessmentWorkingDays) {
        return sql.replace("${asat}", "DATE'" + asAt + "'").replace("${wd45}", String.valueOf(assessmentWorkingDays));
    }

    public String cliName() { return name().toLowerCase(Locale.ROOT).replace("_", ""); }

    public static AuditCohorts parse(String s) {
        String k = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (AuditCohorts c : values()) if (c.cliName().equals(k) || c.name().toLowerCase(Locale.ROOT).replace("_", "").equals(k)) return c;
        throw Errors.of("Unknown cohort '" + s + "'.", "The case-audit cohorts are " + String.join(", ",
                Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()) + ".", "Pass one of them to --cohort.");
    }
}
