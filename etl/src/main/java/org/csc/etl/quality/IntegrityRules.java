package org.csc.etl.quality;

import org.csc.etl.source.SourceContract;
import org.csc.etl.source.carefirst.CareFirstSource;
import org.csc.etl.source.liquidlogic.LiquidLogicSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.csc.etl.quality.DqDimension.INTEGRITY;
import static org.csc.etl.quality.DqSeverity.ERROR;
import static org.csc.etl.quality.DqSeverity.WARNING;

/**
 * Links that lead nowhere. The generic rules are generated from the source contract (every table
 * with the link column), so a table added to the contract is checked without a new rule.
 */
final class IntegrityRules {
    private IntegrityRules() {}

    private static final SourceContract CF = new CareFirstSource().contract();
    private static final SourceContract LL = new LiquidLogicSource().contract();

    static String month(SourceContract.Table t) {
        for (String c : List.of("created_dttm", "entered_on", "last_updated_dttm")) {
            if (t.column(c.toUpperCase(Locale.ROOT)) != null) return "trunc(to_date(t." + c + "), 'MM')";
        }
        return "CAST(NULL AS DATE)";
    }

    static String key(SourceContract.Table t) {
        return t.primaryKey().size() == 1 ? "CAST(t." + t.primaryKey().get(0).toLowerCase(Locale.ROOT) + " AS STRING)"
                : "concat_ws('|', " + String.join(", ", t.primaryKey().stream().map(k -> "t." + k.toLowerCase(Locale.ROOT)).toList()) + ")";
    }

    /** One SELECT per table that has {@code column}, unioned; {@code body} gives the FROM/WHERE tail and the failed/detail pair. */
    private static String perTable(SourceContract contract, List<String> columns, String skipTable, Function<SourceContract.Table, String> body) {
        List<String> parts = new ArrayList<>();
        for (SourceContract.Table t : contract.tables().values()) {
            if (t.name().equals(skipTable)) continue;
            if (columns.stream().noneMatch(c -> t.column(c) != null)) continue;
            String b = body.apply(t);
            if (b == null) continue;
            parts.add("SELECT '" + contract.system() + "', '" + t.name() + "', " + key(t) + ", t._child_key, t._worker_key, t._team, "
                    + month(t) + ", " + b);
        }
        return String.join("\nUNION ALL\n", parts);
    }

    private static String view(SourceContract.Table t) {
        return "dq_" + t.system() + "__" + t.name().toLowerCase(Locale.ROOT) + " t";
    }

    private static String firstColumn(SourceContract.Table t, List<String> candidates) {
        return candidates.stream().filter(c -> t.column(c) != null).map(c -> c.toLowerCase(Locale.ROOT)).findFirst().orElse(null);
    }

    static final List<DqRule> RULES = List.of(
            DqRule.of("INT01", INTEGRITY, ERROR, "Liquid Logic link recorded as -1 (unknown) where a record should be linked",
                    "Open the record and link the worker, contact or referral it belongs to.",
                    perTable(LL, LL.tables().values().stream().flatMap(t -> t.columns().stream()).map(SourceContract.Column::name).distinct().toList(), null,
                            t -> "t._unknown_links IS NOT NULL AND size(array_remove(split(t._unknown_links, ','), "
                                    + (t.name().equals("FACT_CP_CONFERENCE") ? "'fact_s47_id'" : "''") + ")) > 0, "
                                    + "concat('-1 in ', t._unknown_links) FROM " + view(t) + " WHERE t._entered_in_ll"))
                    .detecting("MINUS_ONE_LINK"),
            DqRule.of("INT02", INTEGRITY, ERROR, "Assessment linked to a referral that does not exist",
                    "Link the assessment to the child's referral (or restore the referral).", """
                    SELECT 'carefirst', 'ASSESSMENTS', CAST(a.assessment_no AS STRING), a._child_key, a._worker_key, a._team, trunc(a.start_date, 'MM'),
                           r.referral_no IS NULL, 'referral not found'
                    FROM dq_carefirst__assessments a LEFT JOIN stg_carefirst__referrals r ON r.referral_no = a.referral_no
                    WHERE a.referral_no IS NOT NULL
                    UNION ALL
                    SELECT 'liquidlogic', 'FACT_SINGLE_ASSESSMENT', CAST(a.fact_single_assessment_id AS STRING), a._child_key, a._worker_key, a._team,
                           trunc(to_date(a.start_dttm), 'MM'), r.fact_referral_id IS NULL, 'referral not found'
                    FROM dq_liquidlogic__fact_single_assessment a LEFT JOIN stg_liquidlogic__fact_referrals r ON r.fact_referral_id = a.fact_referral_id
                    WHERE a._entered_in_ll AND a.fact_referral_id IS NOT NULL AND a.fact_referral_id <> -1""").detecting("ORPHAN_LINK"),
            DqRule.of("INT03", INTEGRITY, ERROR, "Care First record about a client number that does not exist",
                    "Correct the client number on the record.",
                    perTable(CF, List.of("CLIENT_NO"), "CLIENTS", t -> "c.client_no IS NULL, 'client not found' FROM " + view(t)
                            + " LEFT JOIN stg_carefirst__clients c ON c.client_no = t.client_no WHERE t.client_no IS NOT NULL")),
            DqRule.of("INT04", INTEGRITY, WARNING, "Care First record by a worker who is not in the worker list",
                    "Correct the worker on the record, or add the worker to Care First's staff list.",
                    perTable(CF, List.of("WORKER_ID"), "WORKERS", t -> "w.worker_id IS NULL, 'worker not found' FROM " + view(t)
                            + " LEFT JOIN stg_carefirst__workers w ON w.worker_id = t.worker_id WHERE t.worker_id IS NOT NULL")),
            DqRule.of("INT05", INTEGRITY, WARNING, "Liquid Logic record by a worker who is not in DIM_WORKER",
                    "Correct the worker on the record.",
                    perTable(LL, List.of("DIM_WORKER_ID", "COMPLETED_BY_USER_ID", "COMPLETED_BY_USER_STAFF_ID"), "DIM_WORKER", t -> {
                        String c = firstColumn(t, List.of("DIM_WORKER_ID", "COMPLETED_BY_USER_ID", "COMPLETED_BY_USER_STAFF_ID"));
                        return "w.dim_worker_id IS NULL, 'worker not found' FROM " + view(t) + " LEFT JOIN stg_liquidlogic__dim_worker w ON w.dim_worker_id = t."
                                + c + " WHERE t._entered_in_ll AND t." + c + " IS NOT NULL AND t." + c + " <> -1";
                    })),
            DqRule.of("INT06", INTEGRITY, WARNING, "Liquid Logic record held by a team that is not in DIM_DEPARTMENT",
                    "Correct the team on the record.",
                    perTable(LL, List.of("DIM_DEPARTMENT_ID", "COMPLETED_BY_DEPT_ID", "ORGANISED_BY_DEPT_ID"), "DIM_DEPARTMENT", t -> {
                        String c = firstColumn(t, List.of("DIM_DEPARTMENT_ID", "COMPLETED_BY_DEPT_ID", "ORGANISED_BY_DEPT_ID"));
                        return "d.dim_department_id IS NULL, 'team not found' FROM " + view(t) + " LEFT JOIN stg_liquidlogic__dim_department d ON d.dim_department_id = t."
                                + c + " WHERE t._entered_in_ll AND t." + c + " IS NOT NULL AND t." + c + " <> -1";
                    }))
    );
}
