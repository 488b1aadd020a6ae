package org.csc.etl.quality;

import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every data-quality rule, each defined once. The runner, results and report know rules only through this list. */
public final class RuleCatalog {
    private RuleCatalog() {}

    public static final List<DqRule> ALL;

    static {
        List<DqRule> all = new ArrayList<>();
        all.addAll(CompletenessRules.RULES);
        all.addAll(ValidityRules.RULES);
        all.addAll(TimelinessRules.RULES);
        all.addAll(ConsistencyRules.RULES);
        all.addAll(UniquenessRules.RULES);
        all.addAll(IntegrityRules.RULES);
        all.addAll(ConformanceRules.RULES);
        all.addAll(ReconciliationRules.RULES);
        ALL = Collections.unmodifiableList(all);
    }

    public static DqRule byCode(String code) {
        return ALL.stream().filter(r -> r.code().equals(code)).findFirst().orElse(null);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9.]+)}");

    /** The rules with thresholds from configuration filled in (${dq.late.contact.wd}, ${golive}). */
    public static List<DqRule> resolved(List<DqRule> rules, WarehouseConfig config) {
        return rules.stream().map(r -> new DqRule(r.code(), r.dimension(), r.severity(), fill(r.description(), config), r.fix(),
                r.dfeCode(), r.detects(), fill(r.sql(), config))).toList();
    }

    static String fill(String text, WarehouseConfig config) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value;
            if (key.equals("golive")) {
                value = "DATE'" + config.date("golive.date") + "'";
            } else {
                int n = config.integer(key);
                if (n < 0) throw Errors.invalidKey(key, String.valueOf(n), "a number of working days, 0 or more");
                value = String.valueOf(n);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
