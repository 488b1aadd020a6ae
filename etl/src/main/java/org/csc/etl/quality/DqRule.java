package org.csc.etl.quality;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One data-quality rule as data. {@code sql} returns the population the rule checks, one row per
 * record, with exactly the columns of {@link DqRule#COLUMNS} in that order: a record fails when
 * {@code failed} is true. Checked and failed counts therefore come from the same query and a
 * finding is always part of what was checked.
 *
 * @param dfeCode  the DfE CIN census / SSDA903 validation rule expressing the same check, or null
 * @param detects  the simulator's defect class this rule is meant to find (for recall/precision), or null
 */
public record DqRule(String code, DqDimension dimension, DqSeverity severity, String description, String fix,
                     String dfeCode, String detects, String sql) {
    /** Columns every rule query returns, positionally. month is the first day of the record's month. */
    public static final String[] COLUMNS = {"source_system", "source_table", "record_key", "child_key", "worker_key",
            "team", "month", "failed", "detail"};

    // Star tables only: staging and dq_ views always exist, and column names such as dim_person_id must not match.
    private static final Pattern TABLE = Pattern.compile("\\b(fct_[a-z0-9_]+|dim_(?:child|team|worker))\\b");

    public static DqRule of(String code, DqDimension dimension, DqSeverity severity, String description, String fix, String sql) {
        return new DqRule(code, dimension, severity, description, fix, null, null, sql);
    }

    public DqRule dfe(String dfe) { return new DqRule(code, dimension, severity, description, fix, dfe, detects, sql); }

    public DqRule detecting(String defectClass) { return new DqRule(code, dimension, severity, description, fix, dfeCode, defectClass, sql); }

    /** Star tables the query reads (staging and dq_ helper views are always there): a rule is skipped when one is missing. */
    public Set<String> reads() {
        Set<String> out = new TreeSet<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
