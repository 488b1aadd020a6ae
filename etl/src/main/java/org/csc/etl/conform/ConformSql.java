package org.csc.etl.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conform steps, in order. Each is a Spark SQL query over staging views, mappings and the
 * earlier steps; TABLE steps become Delta tables of the star, CACHED steps are small
 * intermediates materialised once and shared, VIEW steps stay lazy. Keys that leave the lake
 * (child_key, worker_key) are salted hashes, never a system id. The steps live in one file per
 * subject; this class holds the order and the SQL fragments they share.
 */
final class ConformSql {
    enum Kind { VIEW, CACHED, TABLE }

    record Step(String name, Kind kind, String sql) {
        boolean persisted() { return kind == Kind.TABLE; }
    }

    private ConformSql() {}

    static Step view(String name, String sql) { return new Step(name, Kind.VIEW, sql); }
    static Step cached(String name, String sql) { return new Step(name, Kind.CACHED, sql); }
    static Step table(String name, String sql) { return new Step(name, Kind.TABLE, sql); }

    /**
     * Facts that Care First rows of other facts point to, with their key: a Care First row that
     * survives (Liquid Logic lacks its event) may point to one that did not (Liquid Logic holds
     * it), and must then point to the Liquid Logic row the star kept ({@link #twinKey}).
     * Referrals have their own map, int_referral_twin, which also matches twins Liquid Logic deleted.
     */
    static final Map<String, String> TWINNED = Map.of(
            "fct_contact", "contact_key", "fct_strategy_discussion", "discussion_key", "fct_s47", "s47_key",
            "fct_conference", "conference_key", "fct_cp_plan", "plan_key",
            "fct_period_of_care", "period_key", "fct_placement", "placement_key");

    private static final String KEPT = "SELECT * FROM ll WHERE NOT _deleted";
    private static final Pattern SAME_EVENT = Pattern.compile("FROM cf LEFT ANTI JOIN ll ON (.+)");

    static final List<Step> STEPS;

    static {
        List<Step> all = new ArrayList<>();
        all.addAll(ConformIdentity.STEPS);
        all.addAll(ConformWorkforce.STEPS);
        all.addAll(ConformReferrals.STEPS);
        all.addAll(ConformProtection.STEPS);
        all.addAll(ConformCare.STEPS);
        all.addAll(ConformSnapshots.STEPS);
        all.addAll(ConformQuality.STEPS);
        List<Step> withTwins = new ArrayList<>();
        for (Step s : all) {
            withTwins.add(s);
            if (TWINNED.containsKey(s.name())) withTwins.add(twins(s, TWINNED.get(s.name()), materialisedTwin(s.name(), all)));
        }
        STEPS = List.copyOf(withTwins);
    }

    /**
     * int_twin__&lt;fact&gt; (cf_key, ll_key): each Care First key the fact left out for a live Liquid
     * Logic row of the same event. Built from the fact's own ll and cf CTEs and its same-event
     * condition, so the two can never disagree.
     */
    static Step twins(Step fact, String keyCol, boolean materialised) {
        String sql = fact.sql();
        int cf = sql.indexOf("cf AS (");
        Matcher m = SAME_EVENT.matcher(sql);
        if (cf < 0 || !sql.contains(KEPT) || !m.find()) throw new IllegalStateException(fact.name() + " has no cf CTE and systemOfRecord(...)");
        int depth = 0;
        int end = cf + "cf AS ".length();
        do {
            char c = sql.charAt(end++);
            if (c == '(') depth++;
            if (c == ')') depth--;
        } while (depth > 0);
        return new Step("int_twin__" + fact.name(), materialised ? Kind.CACHED : Kind.VIEW, sql.substring(0, end) + """

                SELECT cf.%1$s AS cf_key, min(ll.%1$s) AS ll_key FROM cf JOIN ll ON %2$s
                WHERE NOT ll._deleted GROUP BY cf.%1$s
                """.formatted(keyCol, m.group(1).trim()));
    }

    /**
     * A map with one reader that reads no other map stays a view: that reader computes it inside its
     * own write, without a job of its own. A map read by several facts is computed once; and two maps
     * read by one fact must be, because Spark 4 cannot inline both as CTEs of one plan
     * (PLAN_VALIDATION_FAILED_RULE_IN_BATCH, rule InlineCTE).
     */
    private static boolean materialisedTwin(String fact, List<Step> steps) {
        Pattern map = Pattern.compile("\\bint_twin__(fct_[a-z0-9_]+)");
        List<Step> readers = steps.stream().filter(s -> s.sql().contains("int_twin__" + fact)).toList();
        return readers.size() > 1 || readers.stream().anyMatch(r -> map.matcher(r.sql()).results().map(x -> x.group(1)).distinct().count() > 1);
    }

    /** A Care First foreign key to a twinned fact: the Liquid Logic twin's key when the fact kept that one. */
    static String twinKey(String fact, String cfKeyExpr) {
        if (!TWINNED.containsKey(fact)) throw new IllegalArgumentException(fact + " is not in TWINNED");
        return "coalesce((SELECT max(tw.ll_key) FROM int_twin__" + fact + " tw WHERE tw.cf_key = " + cfKeyExpr + "), " + cfKeyExpr + ")";
    }

    // ---- shared fragments ------------------------------------------------------------------

    /** The conformed child of a source person id. */
    static String child(String system, String alias, String idExpr) {
        return "LEFT JOIN map_child " + alias + " ON " + alias + ".system = '" + system + "' AND " + alias + ".source_id = " + idExpr;
    }

    /** The conformed worker of a source worker id. */
    static String worker(String system, String alias, String idExpr) {
        return "LEFT JOIN map_worker " + alias + " ON " + alias + ".system = '" + system + "' AND " + alias + ".source_id = " + idExpr;
    }

    /** A Liquid Logic department as canonical team and area. */
    static String dept(String alias, String idExpr) {
        return "LEFT JOIN int_ll_team " + alias + " ON " + alias + ".dim_department_id = " + idExpr;
    }

    static String key(String system, String expr) {
        return "CASE WHEN " + expr + " IS NULL THEN NULL ELSE concat('" + (system.equals("carefirst") ? "CF-" : "LL-") + "', " + expr + ") END";
    }

    /**
     * The referral key a Care First child record points to: its Liquid Logic twin's when the referral
     * migrated (fct_referral keeps that one), else the Care First referral's, so the link never
     * points to a referral the star left out.
     */
    static String cfReferralKey(String referralNoExpr) {
        return "coalesce((SELECT max(tw.ll_key) FROM int_referral_twin tw WHERE tw.referral_no = " + referralNoExpr + "), "
                + key("carefirst", referralNoExpr) + ")";
    }

    static String lineage(String system, String alias, String keyExpr, String recordedExpr) {
        return "'" + system + "' AS source_system, CAST(" + keyExpr + " AS STRING) AS source_key, " + recordedExpr
                + " AS recorded_at, " + alias + "._drop AS last_drop";
    }

    /**
     * System of record. CTE {@code ll} holds Liquid Logic rows including those it deleted (column
     * {@code _deleted} last); CTE {@code cf} holds live Care First rows with the same columns
     * (without {@code _deleted}). A Care First row survives only when Liquid Logic never held the
     * same event, so a migrated event Liquid Logic deleted does not come back from Care First. The
     * result keeps a {@code _deleted} column (always false) that ConformJob drops from every step.
     */
    static String systemOfRecord(String sameEvent) {
        // twins() finds the same-event condition by this text: both read KEPT and SAME_EVENT's wording.
        return KEPT + """

                UNION ALL
                SELECT cf.*, false AS _deleted FROM cf LEFT ANTI JOIN ll ON %s
                """.formatted(sameEvent);
    }

    /**
     * Adds team, area and worker_key of the child's counting allocation open at the event date
     * (the latest started one); {@code ${unallocated}} when none. {@code base} is a CTE holding
     * the fact without team/area/worker_key, {@code keyCol} its unique key.
     */
    static String allocatedTeam(String base, String keyCol, String dateCol) {
        return """
                , alloc_at AS (
                  SELECT b.%2$s AS _k, max_by(named_struct('team', a.team, 'area', a.area, 'worker_key', a.worker_key), a.start_date) AS s
                  FROM %1$s b JOIN int_counting_allocation a ON a.child_key = b.child_key
                   AND a.start_date <= b.%3$s AND (a.end_date IS NULL OR a.end_date > b.%3$s)
                  GROUP BY b.%2$s)
                SELECT b.*, coalesce(alloc_at.s.team, '${unallocated}') AS team, coalesce(alloc_at.s.area, '${unallocated}') AS area,
                       alloc_at.s.worker_key AS worker_key
                FROM %1$s b LEFT JOIN alloc_at ON alloc_at._k = b.%2$s
                """.formatted(base, keyCol, dateCol);
    }

    /** Team and area of a worker's dim_worker version valid at a date (the first version for earlier dates). */
    static String workerTeamAt(String alias, String workerKeyExpr, String dateExpr) {
        return "LEFT JOIN dim_worker " + alias + " ON " + alias + ".worker_key = " + workerKeyExpr
                + " AND (" + alias + ".version = 1 OR " + alias + ".valid_from <= " + dateExpr + ")"
                + " AND (" + alias + ".valid_to IS NULL OR " + dateExpr + " < " + alias + ".valid_to)";
    }
}
