package org.csc.cubes.kpi;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.ScopedSparkConf;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * Which KPI members a nightly may keep from the last run instead of computing them again: a
 * CHILD-grain indicator's members of one child follow from the star rows that carry that child's
 * key, the workers allocated to it, the calendar, the parameters and the reporting dates. So the
 * cube computes members again only for the children whose rows (or allocated workers' rows) differ
 * from those the last run's members were computed from, plus every child at a month end the last
 * run did not report; it keeps the rest. WORKFORCE indicators are computed every run.
 *
 * <p>What is compared: per child, a sum of two 32-bit row hashes and a row count over the star
 * tables the CHILD indicators read (their contract columns only, {@link StarTables}); per worker,
 * the same over dim_worker; other tables they read (dim_date) as a whole. Members of rows without a
 * child key are computed every run, and so are those of children whose rows the indicators join to
 * another child's on a key ({@link #LINKS}). Everything is computed again when anything else may
 * have changed: the indicators' SQL or parameters, a whole table, a month end dropped,
 * the last members table not being the one recorded, or more children changed than
 * {@code cubes.reuse.max.share} of all (computing the rest is then no cheaper than all).
 */
public final class MemberReuse {
    public static final String SIGNATURES = "kpi_member_signatures";
    public static final String BASIS = "kpi_member_basis";
    static final StructType SIGNATURE_SCHEMA = new StructType().add("scope", DataTypes.StringType).add("key", DataTypes.StringType)
            .add("h1", DataTypes.LongType).add("h2", DataTypes.LongType).add("n", DataTypes.LongType);
    static final StructType BASIS_SCHEMA = new StructType().add("fingerprint", DataTypes.StringType)
            .add("as_at_dates", DataTypes.StringType).add("members_version", DataTypes.LongType).add("run_id", DataTypes.StringType);
    /** Bumped whenever what a signature covers changes: older signatures then compare as different. */
    private static final String VERSION = "member-signatures-1";
    /** The key standing for the rows without a child key (a child key is never empty). */
    static final String NO_CHILD = "";
    private static final Pattern NAME = Pattern.compile("\\b((?:fct|dim|kpi_h)_[a-z0-9_]+)\\b");

    private final SparkSession spark;
    private final Lake lake;
    private final WarehouseConfig config;
    private final Consumer<String> log;

    /** Set by {@link #plan}: what {@link #record} writes once the members are published. */
    private Dataset<Row> signatures;
    private String fingerprint;
    private List<Date> dates;
    private Plan lastPlan;

    public MemberReuse(Lake lake, WarehouseConfig config, Consumer<String> log) {
        this.spark = lake.spark();
        this.lake = lake;
        this.config = config;
        this.log = log;
    }

    /**
     * The decision: every member computed ({@code full}, with the reason), or the members of
     * {@code children} computed again (with the rows without a child key), of every child at
     * {@code newDates}, and the rest kept from {@code lastRun}.
     */
    public record Plan(boolean full, String reason, Set<String> children, long childCount, List<Date> newDates, String lastRun) {
        static Plan full(String reason) { return new Plan(true, reason, Set.of(), 0, List.of(), null); }
    }

    /** The star tables CHILD indicators read, directly or through the helper views, by name. */
    static Set<String> tablesRead(List<Kpi> catalog) {
        Map<String, String> helpers = new LinkedHashMap<>();
        KpiCatalog.HELPERS.forEach(h -> helpers.put(h.name(), h.sql()));
        Set<String> out = new TreeSet<>();
        for (Kpi k : catalog) if (k.grain() == Kpi.Grain.CHILD) collect(k.membersSql(), helpers, out);
        return out;
    }

    private static void collect(String sql, Map<String, String> helpers, Set<String> out) {
        Matcher m = NAME.matcher(sql);
        while (m.find()) {
            String name = m.group(1);
            if (helpers.containsKey(name)) collect(helpers.get(name), helpers, out);
            else if (name.equals("dim_date") || StarTables.SCHEMAS.containsKey(name)) out.add(name);
        }
    }

    /** Child-keyed star tables the CHILD indicators read. */
    static List<String> childTables(List<Kpi> catalog) {
        return tablesRead(catalog).stream().filter(t -> StarTables.SCHEMAS.containsKey(t)
                && List.of(StarTables.SCHEMAS.get(t).fieldNames()).contains("child_key")).toList();
    }

    /**
     * Call with the star's views, dim_date and asat_dates registered. Computes this star's
     * signatures (one Spark job, kept for {@link #record}) and compares them with the last run's.
     */
    public Plan plan(List<Kpi> catalog, KpiParameters params, List<Date> asAt) {
        lastPlan = decide(catalog, params, asAt);
        return lastPlan;
    }

    /** The decision of the last {@link #plan} call. */
    public Plan lastPlan() { return lastPlan; }

    private Plan decide(List<Kpi> catalog, KpiParameters params, List<Date> asAt) {
        Set<String> read = tablesRead(catalog);
        List<String> childTables = childTables(catalog);
        StringBuilder fp = new StringBuilder(VERSION);
        for (Kpi k : catalog) fp.append('|').append(k.code()).append(k.kind()).append(k.grain()).append(params.apply(k.code(), k.membersSql()));
        for (KpiCatalog.Helper h : KpiCatalog.HELPERS) fp.append('|').append(h.name()).append(params.apply(h.name(), h.sql()));
        fp.append('|').append(read);
        fingerprint = DigestUtils.sha256Hex(fp.toString());
        dates = asAt;
        signatures = signatures(read, childTables).localCheckpoint(true);

        if (!config.bool("cubes.reuse.unchanged")) return Plan.full("cubes.reuse.unchanged = false");
        if (!lake.exists(BASIS) || !lake.exists(SIGNATURES) || !lake.exists(CubeBuilder.MEMBERS)) return Plan.full("no earlier run to keep members from");
        Row basis = lake.read(BASIS).head();
        if (!basis.getString(0).equals(fingerprint)) return Plan.full("the indicators' SQL or parameters changed");
        if (basis.getLong(2) != lake.version(CubeBuilder.MEMBERS)) return Plan.full("the members table is not the one the last run recorded");
        Set<Date> before = parseDates(basis.getString(1));
        if (!new HashSet<>(asAt).containsAll(before)) return Plan.full("the reporting period no longer includes every month end reported before");
        List<Date> newDates = asAt.stream().filter(d -> !before.contains(d)).toList();

        signatures.createOrReplaceTempView("kpi_reuse_now");
        lake.read(SIGNATURES).createOrReplaceTempView("kpi_reuse_before");
        List<Row> changed = spark.sql("""
                SELECT coalesce(a.scope, b.scope) AS scope, coalesce(a.key, b.key) AS key
                FROM kpi_reuse_now a FULL OUTER JOIN kpi_reuse_before b ON a.scope = b.scope AND a.key = b.key
                WHERE a.key IS NULL OR b.key IS NULL OR a.h1 <> b.h1 OR a.h2 <> b.h2 OR a.n <> b.n
                UNION ALL
                SELECT '#children', CAST(count(*) AS STRING) FROM kpi_reuse_now WHERE scope = 'child' AND key <> ''
                """).collectAsList();
        // The rows without a child key are always computed again (they are few); so are the children linked to them.
        Set<String> seeds = new TreeSet<>(Set.of(NO_CHILD));
        Set<String> workers = new TreeSet<>();
        long childCount = 0;
        for (Row r : changed) {
            switch (r.getString(0)) {
                case "#children" -> childCount = Long.parseLong(r.getString(1));
                case "child" -> seeds.add(r.getString(1));
                case "worker" -> workers.add(r.getString(1));
                default -> { return Plan.full(r.getString(1) + " changed"); }
            }
        }
        if (!workers.isEmpty() && read.contains("fct_allocation")) {
            // The CHILD indicators meet dim_worker only through a child's allocations (kpi_h_child_team).
            spark.table("fct_allocation").where(col("worker_key").isin(workers.toArray()).and(col("child_key").isNotNull()))
                    .select("child_key").distinct().collectAsList().forEach(r -> seeds.add(r.getString(0)));
        }
        double maxShare = config.decimal("cubes.reuse.max.share");
        Set<String> children = linked(seeds, childTables, (long) (maxShare * Math.max(childCount, 1)));
        if (children == null || children.size() > maxShare * Math.max(childCount, 1)) {
            return Plan.full((children == null ? "more than " + (long) (maxShare * childCount) : String.valueOf(children.size()))
                    + " of " + childCount + " children to compute again (more than cubes.reuse.max.share)");
        }
        String lastRun = basis.getString(3);
        return new Plan(false, null, children, childCount, newDates, lastRun);
    }

    /**
     * Rows of different children that the indicators join on a key other than the child's (an
     * assessment linked to another child's referral, a plan to another child's conference, a
     * review to another child's plan): each such pair of children is computed together.
     */
    static final List<String[]> LINKS = List.of(
            new String[]{"fct_assessment", "referral_key", "fct_referral", "referral_key"},
            new String[]{"fct_cp_plan", "conference_key", "fct_conference", "conference_key"},
            new String[]{"fct_cp_review", "plan_key", "fct_cp_plan", "plan_key"});

    /**
     * The seeds and every child connected to them through {@link #LINKS} rows of different children
     * (NO_CHILD standing for the rows without one), without NO_CHILD; null when more than {@code cap}.
     */
    private Set<String> linked(Set<String> seeds, List<String> childTables, long cap) {
        List<String> parts = new ArrayList<>();
        for (String[] l : LINKS) {
            if (!childTables.contains(l[0]) || !childTables.contains(l[2])) continue;
            parts.add("SELECT DISTINCT coalesce(a.child_key, '') AS x, coalesce(b.child_key, '') AS y FROM " + l[0] + " a JOIN " + l[2]
                    + " b ON a." + l[1] + " = b." + l[3] + " WHERE NOT (a.child_key <=> b.child_key)");
        }
        Map<String, Set<String>> edges = new java.util.HashMap<>();
        if (!parts.isEmpty()) {
            int most = (int) Math.min(Integer.MAX_VALUE - 1, cap * 4 + 1000);
            List<Row> pairs = spark.sql(String.join(" UNION ", parts)).limit(most + 1).collectAsList();
            if (pairs.size() > most) return null;
            for (Row r : pairs) {
                edges.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
                edges.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(0));
            }
        }
        Set<String> out = new TreeSet<>(seeds);
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(seeds);
        while (!todo.isEmpty()) {
            for (String next : edges.getOrDefault(todo.poll(), Set.of())) {
                if (out.add(next)) todo.add(next);
            }
            if (out.size() > cap + 1) return null;
        }
        out.remove(NO_CHILD);
        return out;
    }

    /** Signatures of the star: per child, per worker and per other table read; one row each. */
    private Dataset<Row> signatures(Set<String> read, List<String> childTables) {
        List<String> parts = new ArrayList<>();
        for (String t : childTables) parts.add(hashed(t, "coalesce(child_key, '" + NO_CHILD + "')", "'child'"));
        for (String t : read) {
            if (childTables.contains(t)) continue;
            parts.add(t.equals("dim_worker") ? hashed(t, "worker_key", "'worker'") : hashed(t, "'" + t + "'", "'table'"));
        }
        return spark.sql("SELECT scope, key, sum(h1) AS h1, sum(h2) AS h2, count(*) AS n FROM (\n"
                + String.join("\nUNION ALL\n", parts) + "\n) GROUP BY scope, key");
    }

    private String hashed(String table, String key, String scope) {
        String[] columns = spark.table(table).columns();
        String cols = (StarTables.SCHEMAS.containsKey(table) ? List.of(StarTables.SCHEMAS.get(table).fieldNames()) : List.of(columns))
                .stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        // Two independent 32-bit hashes per row, summed as longs (no overflow below 2^31 rows a key): order-free and exact.
        return "SELECT " + scope + " AS scope, " + key + " AS key, xxhash64('" + table + "', " + cols + ") & 4294967295 AS h1, "
                + "CAST(hash('" + table + "', " + cols + ") AS BIGINT) & 4294967295 AS h2 FROM " + table;
    }

    /**
     * The members of every indicator for this star, given the plan: CHILD members of the changed
     * children (and of rows without a child key) over every month end, of every other child at the
     * new month ends, the rest of the last run's, and WORKFORCE members, evaluated, in one table.
     * Leaves the star's views, asat_dates and the helper views as they were (unrestricted).
     */
    Dataset<Row> members(CubeBuilder builder, List<Kpi> catalog, KpiParameters params, Plan plan) {
        List<Kpi> child = catalog.stream().filter(k -> k.grain() == Kpi.Grain.CHILD).toList();
        List<Kpi> childAsAt = child.stream().filter(k -> k.kind() == Kpi.Kind.ASAT).toList();
        List<Kpi> workforce = catalog.stream().filter(k -> k.grain() == Kpi.Grain.WORKFORCE).toList();
        Object[] keys = plan.children().toArray();
        Map<String, Dataset<Row>> originals = new LinkedHashMap<>();
        for (String t : childTables(catalog)) originals.put(t, spark.table(t));
        Dataset<Row> allDates = spark.table("asat_dates");

        List<Dataset<Row>> parts = new ArrayList<>();
        // Few rows (a night's children, or one month end) through the whole catalog's plan: compiling generated
        // code for that plan costs more than it saves (cubes.reuse.spark.*).
        try (ScopedSparkConf scope = ScopedSparkConf.apply(spark, config, "cubes.reuse.spark.")) {
            partsForChanges(builder, child, childAsAt, params, plan, keys, originals, allDates, parts);
        }
        builder.registerHelpers(params);
        if (!workforce.isEmpty()) parts.add(builder.membersOf(workforce, params));

        List<Row> kinds = child.stream().map(k -> RowFactory.create(k.code(), k.kind().name())).toList();
        Dataset<Row> kindOf = spark.createDataFrame(kinds, new StructType().add("kpi_code", DataTypes.StringType).add("kind", DataTypes.StringType));
        Column keep = col("child_key").isNotNull();
        if (keys.length > 0) keep = keep.and(not(col("child_key").isin(keys)));
        if (!plan.newDates().isEmpty()) keep = keep.and(col("kind").notEqual("ASAT").or(not(col("member_date").isin(plan.newDates().toArray()))));
        Dataset<Row> all = lake.read(CubeBuilder.MEMBERS).join(kindOf, "kpi_code").where(keep)
                .selectExpr(CubeBuilder.MEMBER_COLUMNS.toArray(String[]::new));
        for (Dataset<Row> p : parts) all = all.unionByName(p);
        log.accept("  [cubes] members computed again for " + plan.children().size() + " of " + plan.childCount()
                + " children (their star rows or allocated workers changed)"
                + (plan.newDates().isEmpty() ? "" : " and for every child at " + plan.newDates().size() + " new month end(s)")
                + "; the rest kept from " + plan.lastRun());
        return all.localCheckpoint(true);
    }

    /** CHILD members of the changed children over every month end, and of the others at the new month ends. */
    private void partsForChanges(CubeBuilder builder, List<Kpi> child, List<Kpi> childAsAt, KpiParameters params, Plan plan, Object[] keys,
                                 Map<String, Dataset<Row>> originals, Dataset<Row> allDates, List<Dataset<Row>> parts) {
        // Always: the rows without a child key are computed every run, even when no child changed.
        Column mine = keys.length == 0 ? col("child_key").isNull() : col("child_key").isNull().or(col("child_key").isin(keys));
        originals.forEach((t, ds) -> ds.where(mine).createOrReplaceTempView(t));
        builder.registerHelpers(params);
        parts.add(builder.membersOf(child, params).localCheckpoint(true));
        originals.forEach((t, ds) -> ds.createOrReplaceTempView(t));
        if (!plan.newDates().isEmpty() && !childAsAt.isEmpty()) {
            spark.createDataFrame(plan.newDates().stream().map(d -> RowFactory.create(d)).toList(),
                    new StructType().add("as_at", DataTypes.DateType)).createOrReplaceTempView("asat_dates");
            builder.registerHelpers(params);
            Column others = col("child_key").isNotNull();
            if (keys.length > 0) others = others.and(not(col("child_key").isin(keys)));
            parts.add(builder.membersOf(childAsAt, params).where(others).localCheckpoint(true));
            allDates.createOrReplaceTempView("asat_dates");
        }
    }

    /** After the members are written to the lake: what the next run compares its star and members with. */
    public void record(String runId) {
        if (signatures == null) return;
        String datesText = dates.stream().map(Date::toString).collect(Collectors.joining(","));
        Dataset<Row> basis = spark.createDataFrame(List.of(RowFactory.create(fingerprint, datesText, lake.version(CubeBuilder.MEMBERS), runId)),
                BASIS_SCHEMA);
        // The signatures first: a run stopped between the two leaves a basis naming an older members version, so the next run computes all.
        lake.overwrite(SIGNATURES, signatures);
        lake.overwrite(BASIS, basis);
    }

    private static Set<Date> parseDates(String text) {
        Set<Date> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) return out;
        for (String s : text.split(",")) out.add(Date.valueOf(s));
        return out;
    }
}
