package org.csc.etl.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.etl.manual.ManualSources;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.warehouse.calendar.DateDimension;
import org.csc.warehouse.calendar.WorkingCalendar;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;
import org.csc.warehouse.lake.Lake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * Staging -> the conformed star. Builds the identity map (one child across both systems), the
 * dimensions and the event facts with Spark SQL over the stg_ views, then hands back the tables
 * to write. Liquid Logic is the system of record; Care First rows fill only what Liquid Logic lacks.
 *
 * <p>Incremental: every step has a fingerprint (its SQL, the configuration it uses, the Delta
 * version of each staging table it reads, the mapping and manual files, and the fingerprints of
 * the steps it reads). A table whose fingerprint matches the one recorded when it was last
 * written is not recomputed: its view points at the lake table. Call {@link #recordWritten()}
 * once the returned tables are written.
 *
 * <p>By child ({@link ChildScope}): when the tables must be recomputed because staging changed,
 * the steps other than identity and the workforce read staging restricted to the children whose
 * rows changed, and each table is written as the other children's rows kept plus the new ones.
 */
public final class ConformJob {
    public static final String STATE_TABLE = "etl_conform_state";
    private static final Pattern NAME = Pattern.compile("\\b((?:stg|all|int|map|dim|fct|dq|identity)_[a-z0-9_]+)\\b");
    private static final StructType STATE_SCHEMA = new StructType().add("step", DataTypes.StringType).add("fingerprint", DataTypes.StringType);

    private final Lake lake;
    private final WarehouseConfig config;
    private final Consumer<String> log;
    private final Map<String, String> pending = new TreeMap<>();
    private ManualSources.Result manual;
    private List<String> reused = List.of();

    public ConformJob(Lake lake, WarehouseConfig config, Consumer<String> log) {
        this.lake = lake;
        this.config = config;
        this.log = log;
    }

    /** Registers the inputs and the conformed views; returns the tables that changed and must be written, by name. */
    public Map<String, Dataset<Row>> plan(List<SourceSystem> systems) {
        return plan(systems, null);
    }

    /**
     * As {@link #plan(List)}, over staged tables held in memory instead of the lake's (name -> frame
     * with the staged schema); used by tests that conform small journeys without Delta writes.
     */
    public Map<String, Dataset<Row>> plan(List<SourceSystem> systems, Map<String, Dataset<Row>> stagedInMemory) {
        SparkSession spark = lake.spark();
        if (stagedInMemory == null) StagedViews.register(lake, systems);
        else StagedViews.register(spark, systems, stagedInMemory);
        Mappings.register(spark, config);
        spark.udf().register("norm_text", (UDF1<String, String>) ConformJob::normaliseName, DataTypes.StringType);
        spark.udf().register("norm_key", (UDF1<String, String>) Mappings::normalise, DataTypes.StringType);
        manual = ManualSources.register(spark, config.path("landing.dir"));
        for (ManualSources.FileCount c : manual.counts()) {
            log.accept(String.format("  %-48s %10s %10s %12s", c.file(), c.present() ? c.received() : "absent", c.loaded(), c.quarantined()));
        }

        Map<String, String> params = parameters();
        String global = sha(Mappings.fingerprint(config) + params);
        Map<String, String> inputs = new HashMap<>();
        for (SourceSystem s : systems) {
            for (SourceContract.Table t : s.contract().tables().values()) {
                String v = String.valueOf(lake.version(t.stagedTable()));
                inputs.put(t.stagedTable(), v);
                inputs.put(StagedViews.allView(t.stagedTable()), v);
                // The history view falls back to the staged rows when no history table exists: both count.
                if (t.keepsHistory()) inputs.put(t.historyTable(), lake.version(t.historyTable()) + ":" + v);
            }
        }
        for (String view : List.of("stg_manual__icpc_tracker", "stg_manual__dental_checks", "stg_hr__sickness")) inputs.put(view, manual.fingerprint());
        inputs.put("map_codes", global);
        inputs.put("map_teams", global);
        Map<String, String> recorded = recordedState();
        boolean materialise = config.bool("conform.materialise.shared");
        long slowMillis = 2000;

        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        Dataset<Row> dimDate = DateDimension.build(spark, WorkingCalendar.from(config));
        dimDate.createOrReplaceTempView(DateDimension.TABLE);
        String dateFp = sha(global + "dim_date");
        inputs.put(DateDimension.TABLE, dateFp);
        if (!dateFp.equals(recorded.get(DateDimension.TABLE)) || !lake.exists(DateDimension.TABLE)) {
            out.put(DateDimension.TABLE, dimDate);
            pending.put(DateDimension.TABLE, dateFp);
        } else {
            lake.read(DateDimension.TABLE).createOrReplaceTempView(DateDimension.TABLE);
        }
        String manualFp = sha(manual.fingerprint());
        ManualSources.quarantineFrame(spark, "files:" + manualFp.substring(0, 12), manual.quarantine())
                .createOrReplaceTempView(ManualSources.QUARANTINE_TABLE);
        if (!manualFp.equals(recorded.get(ManualSources.QUARANTINE_TABLE)) || !lake.exists(ManualSources.QUARANTINE_TABLE)) {
            out.put(ManualSources.QUARANTINE_TABLE, ManualSources.quarantineFrame(spark, "files:" + manualFp.substring(0, 12), manual.quarantine()));
            pending.put(ManualSources.QUARANTINE_TABLE, manualFp);
        }

        // Fingerprints and which steps must be computed.
        Map<String, Set<String>> deps = new HashMap<>();
        Map<String, String> fp = new HashMap<>(inputs);
        Set<String> dirty = new HashSet<>();
        for (ConformSql.Step step : ConformSql.STEPS) {
            Set<String> d = new TreeSet<>();
            Matcher m = NAME.matcher(step.sql());
            while (m.find()) if (fp.containsKey(m.group(1))) d.add(m.group(1));
            deps.put(step.name(), d);
            StringBuilder sb = new StringBuilder(step.sql()).append(global);
            for (String x : d) sb.append('|').append(x).append('=').append(fp.get(x));
            fp.put(step.name(), sha(sb.toString()));
            // A table is recomputed when what it reads changed; views are lazy and cost nothing until read.
            boolean changed = d.stream().anyMatch(dirty::contains)
                    || (step.persisted() && (!fp.get(step.name()).equals(recorded.get(step.name())) || !lake.exists(step.name())));
            if (changed) dirty.add(step.name());
        }
        // A non-table step is needed when a changed table reads it (directly or through other steps).
        Set<String> needed = new HashSet<>();
        List<ConformSql.Step> reversed = new ArrayList<>(ConformSql.STEPS);
        java.util.Collections.reverse(reversed);
        for (ConformSql.Step step : reversed) {
            if ((step.persisted() && dirty.contains(step.name())) || needed.contains(step.name())) {
                needed.add(step.name());
                needed.addAll(deps.get(step.name()));
            }
        }
        Set<String> readLater = new HashSet<>();
        for (ConformSql.Step step : ConformSql.STEPS) {
            if (needed.contains(step.name())) readLater.addAll(deps.get(step.name()));
        }

        List<String> skipped = new ArrayList<>();
        Map<String, ConformSql.Step> byName = new HashMap<>();
        for (ConformSql.Step step : ConformSql.STEPS) byName.put(step.name(), step);
        Scoped sc = new Scoped(systems, params, deps, byName);
        sc.enabled = stagedInMemory == null;
        sc.basis.put("global", global);
        sc.basis.put("date", dateFp);
        sc.basis.put("manual", manualFp);
        sc.basis.put("sql", sha(String.join("\n", ConformSql.STEPS.stream().map(ConformSql.Step::sql).toList())));
        sc.anyDirty = ConformSql.STEPS.stream().anyMatch(st -> st.persisted() && !ChildScope.WHOLE.contains(st.name()) && dirty.contains(st.name()));
        for (ConformSql.Step step : ConformSql.STEPS) {
            boolean childStep = !ChildScope.WHOLE.contains(step.name());
            if (childStep && !sc.decided) sc.decide(recorded, dirty);
            boolean scoped = sc.on && childStep && !sc.wholeThisNight(step);
            if (sc.on) sc.registerDeps(step, scoped);
            if (step.persisted() && !dirty.contains(step.name())) {
                Dataset<Row> kept = lake.read(step.name());
                kept.createOrReplaceTempView(step.name());
                sc.full.put(step.name(), kept);
                if (scoped) sc.scoped.put(step.name(), kept.where(ChildScope.changedChild()));
                skipped.add(step.name());
                continue;
            }
            long t0 = System.nanoTime();
            Dataset<Row> ds = spark.sql(substitute(step.sql(), params));
            if (java.util.Arrays.asList(ds.columns()).contains("_deleted")) ds = ds.drop("_deleted");
            if (scoped && step.persisted()) ds = ds.where(ChildScope.changedChild());
            boolean shared = materialise && readLater.contains(step.name()) && needed.contains(step.name());
            if (step.kind() == ConformSql.Kind.CACHED && shared || step.persisted() && shared) {
                // Small intermediates read by several later steps: computed once, not once per reader.
                ds = ds.localCheckpoint(true);
            }
            ds.createOrReplaceTempView(step.name());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > slowMillis) log.accept("  [conform] " + step.name() + " planned in " + ms + " ms" + (shared ? " (materialised)" : ""));
            Dataset<Row> written = ds;
            if (scoped) {
                sc.scoped.put(step.name(), ds);
                if (step.persisted()) {
                    // The children not recomputed keep last night's rows; rows without a child are always recomputed.
                    written = lake.read(step.name()).where(col("child_key").isNotNull().and(not(ChildScope.changedChild())))
                            .unionByName(ds);
                    sc.full.put(step.name(), written);
                }
            } else {
                sc.full.put(step.name(), ds);
            }
            if (step.persisted()) {
                out.put(step.name(), written);
                pending.put(step.name(), fp.get(step.name()));
            }
        }
        if (!sc.decided) sc.decide(recorded, dirty);
        if (sc.on) sc.registerAll();
        pending.putAll(sc.state());
        reused = List.copyOf(skipped);
        if (!skipped.isEmpty()) log.accept("[conform] unchanged, not recomputed: " + String.join(", ", skipped));
        return out;
    }

    /**
     * One plan's per-child state (see {@link ChildScope}): whether this night recomputes only some
     * children, the views each step reads (staging restricted to those children, or whole), and
     * each step's frame over all children (for whole steps and for the writes).
     */
    private final class Scoped {
        final Map<String, String> basis = new TreeMap<>();
        final Map<String, Dataset<Row>> full = new HashMap<>();
        final Map<String, Dataset<Row>> scoped = new HashMap<>();
        private final Map<String, Dataset<Row>> staging = new LinkedHashMap<>();
        private final Map<String, SourceContract.Table> tableOfView = new HashMap<>();
        private final Map<String, Dataset<Row>> restricted = new HashMap<>();
        private final List<SourceSystem> systems;
        private final Map<String, String> params;
        private final Map<String, Set<String>> deps;
        private final Map<String, ConformSql.Step> byName;
        boolean decided;
        boolean on;
        boolean anyDirty;
        boolean newMonth;
        boolean enabled = true;

        Scoped(List<SourceSystem> systems, Map<String, String> params, Map<String, Set<String>> deps, Map<String, ConformSql.Step> byName) {
            this.systems = systems;
            this.params = params;
            this.deps = deps;
            this.byName = byName;
            SparkSession spark = lake.spark();
            for (SourceContract.Table t : ChildScope.tables(systems)) {
                List<String> views = new ArrayList<>(List.of(t.stagedTable(), StagedViews.allView(t.stagedTable())));
                if (t.keepsHistory()) views.add(t.historyTable());
                for (String v : views) {
                    staging.put(v, spark.table(v));
                    tableOfView.put(v, t);
                }
            }
            for (String v : List.of("stg_manual__icpc_tracker", "stg_manual__dental_checks", "stg_hr__sickness")) staging.put(v, spark.table(v));
        }

        Map<String, String> state() {
            Map<String, String> m = new TreeMap<>();
            basis.forEach((k, v) -> m.put(ChildScope.STATE_PREFIX + k, v));
            return m;
        }

        /**
         * A per-child step computed over every child on a scoped night: one that reads the reporting
         * date (int_asof) when a new month began, as every child then has a new month-end snapshot.
         */
        boolean wholeThisNight(ConformSql.Step step) {
            return newMonth && deps.get(step.name()).contains("int_asof");
        }

        /** Decides, at the first per-child step, whether this night recomputes only the changed children. */
        void decide(Map<String, String> recorded, Set<String> dirty) {
            decided = true;
            if (!enabled) return;
            SparkSession spark = lake.spark();
            Map<String, Long> before = new HashMap<>();
            for (SourceContract.Table t : ChildScope.tables(systems)) {
                basis.put("version:" + t.stagedTable(), String.valueOf(lake.version(t.stagedTable())));
                String v = recorded.get(ChildScope.STATE_PREFIX + "version:" + t.stagedTable());
                if (v != null) before.put(t.stagedTable(), Long.parseLong(v));
            }
            Set<String> consumed = new TreeSet<>(new org.csc.etl.ledger.DropLedger(lake).consumedDrops());
            basis.put("drops", String.join(",", consumed));
            if (!config.bool("conform.per_child")) return;
            Row asof = spark.sql("SELECT CAST(last_day(asof) AS STRING) FROM (" + substitute(byName.get("int_asof").sql(), params) + ")").first();
            basis.put("asof", String.valueOf(asof.get(0)));
            String prevLinks = recorded.get(ChildScope.STATE_PREFIX + "links");
            if (!anyDirty) {
                // No per-child table changed, so no staging table they read did: last run's links still hold.
                if (prevLinks != null) basis.put("links", prevLinks);
                return;
            }
            long tl = System.nanoTime();
            Set<String> links = ChildScope.crossChildLinks(spark);
            log.accept("  [conform] " + links.size() + " cross-child link(s) found in " + (System.nanoTime() - tl) / 1_000_000 + " ms");
            basis.put("links", encode(links));
            long t0 = System.nanoTime();
            String why = whyWhole(recorded, before);
            if (why == null) why = scope(recorded, before, consumed, links, prevLinks);
            newMonth = !basis.get("asof").equals(recorded.get(ChildScope.STATE_PREFIX + "asof"));
            if (on && newMonth) log.accept("[conform] a new month began: month-end snapshots computed for every child");
            if (on) log.accept("  [conform] children to recompute found in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            if (why != null) log.accept("[conform] every child recomputed: " + why);
        }

        private String encode(Set<String> links) {
            return links.size() > 10_000 ? "overflow" : String.join(";", links);
        }

        private String whyWhole(Map<String, String> recorded, Map<String, Long> before) {
            for (String k : List.of("global", "date", "manual", "sql")) {
                if (recorded.get(ChildScope.STATE_PREFIX + k) == null) return "the last conform recorded no per-child basis";
                if (!basis.get(k).equals(recorded.get(ChildScope.STATE_PREFIX + k))) {
                    return Map.of("global", "the mappings or parameters changed", "date", "the calendar changed",
                            "manual", "the manual files changed", "sql", "the conform SQL changed").get(k);
                }
            }
            if (recorded.get(ChildScope.STATE_PREFIX + "drops") == null) return "the last conform recorded no drops";
            String links = recorded.get(ChildScope.STATE_PREFIX + "links");
            if (links == null || links.equals("overflow")) return "the last conform recorded no cross-child links";
            String dept = "stg_liquidlogic__dim_department";
            if (lake.version(dept) != before.getOrDefault(dept, -1L)) return "Liquid Logic's departments changed";
            for (ConformSql.Step st : ConformSql.STEPS) {
                if (st.persisted() && !ChildScope.WHOLE.contains(st.name()) && !lake.exists(st.name())) return st.name() + " is not in the lake yet";
            }
            for (String t : List.of("map_child", "map_worker", "dim_worker")) if (!lake.exists(t)) return t + " is not in the lake yet";
            return null;
        }

        /** The table as the last run wrote it (read before this run's writes), as view scope_old_&lt;table&gt;. */
        private void lakeView(String table) {
            lake.read(table).createOrReplaceTempView("scope_old_" + table);
        }

        /** Finds the changed children; returns why every child is recomputed instead, or null when scoped. */
        private String scope(Map<String, String> recorded, Map<String, Long> before, Set<String> consumed, Set<String> links, String prevLinks) {
            SparkSession spark = lake.spark();
            Set<String> newDrops = new TreeSet<>(consumed);
            newDrops.removeAll(List.of(recorded.get(ChildScope.STATE_PREFIX + "drops").split(",")));
            List<Row> changedRows = ChildScope.changedPersons(lake, systems, before, newDrops);
            Dataset<Row> persons = changedRows.isEmpty() ? null : spark.createDataFrame(changedRows,
                    new StructType().add("system", DataTypes.StringType).add("person", DataTypes.LongType));
            lakeView("map_child");
            lakeView("dim_worker");
            lakeView("fct_visit");
            lakeView("fct_allocation");
            // Workers matched differently (or new): the children of every row that names them.
            lakeView("map_worker");
            List<Row> rematched = spark.sql("SELECT DISTINCT system, source_id FROM ((SELECT * FROM map_worker EXCEPT SELECT * FROM scope_old_map_worker)"
                    + " UNION ALL (SELECT * FROM scope_old_map_worker EXCEPT SELECT * FROM map_worker))").collectAsList();
            String workerRows = ChildScope.rowsOfWorkers(systems, rematched);
            if (workerRows != null) persons = persons == null ? spark.sql(workerRows) : persons.unionByName(spark.sql(workerRows));
            List<String> parts = new ArrayList<>();
            if (persons != null) {
                persons.createOrReplaceTempView("scope_persons");
                parts.add("SELECT /*+ BROADCAST(p) */ m.child_key FROM map_child m JOIN scope_persons p ON m.system = p.system AND m.source_id = p.person");
                parts.add("SELECT /*+ BROADCAST(p) */ m.child_key FROM scope_old_map_child m JOIN scope_persons p ON m.system = p.system AND m.source_id = p.person");
            }
            parts.add("SELECT explode(array(n.child_key, o.child_key)) FROM map_child n FULL OUTER JOIN scope_old_map_child o"
                    + " ON n.system = o.system AND n.source_id = o.source_id WHERE NOT (n.child_key <=> o.child_key)");
            String workers = "(SELECT worker_key FROM ((SELECT * FROM dim_worker EXCEPT SELECT * FROM scope_old_dim_worker)"
                    + " UNION ALL (SELECT * FROM scope_old_dim_worker EXCEPT SELECT * FROM dim_worker)))";
            parts.add("SELECT child_key FROM scope_old_fct_visit WHERE worker_key IN " + workers);
            parts.add("SELECT child_key FROM scope_old_fct_allocation WHERE worker_key IN " + workers);
            Set<String> seeds = new HashSet<>();
            for (Row r : spark.sql("SELECT DISTINCT * FROM (" + String.join(" UNION ALL ", parts) + ")").collectAsList()) {
                if (!r.isNullAt(0)) seeds.add(r.getString(0));
            }
            Set<String> edges = new HashSet<>(links);
            if (!prevLinks.isEmpty()) edges.addAll(List.of(prevLinks.split(";")));
            Set<String> changed = ChildScope.closure(seeds, edges);
            ChildScope.registerFilters(spark, Map.of(), changed);
            Map<String, List<Long>> kept = new HashMap<>();
            Set<String> children = new HashSet<>();
            java.util.Iterator<Row> it = spark.sql("SELECT system, source_id, child_key FROM map_child WHERE child_key IS NOT NULL").toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                children.add(r.getString(2));
                if (!changed.contains(r.getString(2))) kept.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getLong(1));
            }
            double share = config.decimal("conform.per_child.max.share");
            if (changed.size() > share * Math.max(1, children.size())) {
                return changed.size() + " of " + children.size() + " children changed, more than conform.per_child.max.share = " + share;
            }
            Map<String, long[]> keptIds = new HashMap<>();
            kept.forEach((system, ids) -> {
                long[] a = ids.stream().mapToLong(Long::longValue).toArray();
                java.util.Arrays.sort(a);
                keptIds.put(system, a);
            });
            ChildScope.registerFilters(spark, keptIds, changed);
            on = true;
            log.accept("[conform] per child: " + changed.size() + " of " + children.size() + " children recomputed ("
                    + seeds.size() + " with changed rows, " + newDrops.size() + " new drop(s)); the other children's rows are kept");
            return null;
        }

        void registerDeps(ConformSql.Step step, boolean scopedRun) {
            Map<String, Dataset<Row>> views = new LinkedHashMap<>();
            for (String d : deps.get(step.name())) {
                if (byName.containsKey(d)) views.put(d, scopedRun && scoped.containsKey(d) ? scoped.get(d) : fullOf(d));
                else if (staging.containsKey(d)) views.put(d, scopedRun ? restricted(d) : staging.get(d));
            }
            views.forEach((n, ds) -> ds.createOrReplaceTempView(n));
        }

        private Dataset<Row> fullOf(String name) {
            Dataset<Row> f = full.get(name);
            if (f != null) return f;
            ConformSql.Step st = byName.get(name);
            registerDeps(st, false);
            Dataset<Row> ds = lake.spark().sql(substitute(st.sql(), params));
            if (java.util.Arrays.asList(ds.columns()).contains("_deleted")) ds = ds.drop("_deleted");
            full.put(name, ds);
            return ds;
        }

        private Dataset<Row> restricted(String view) {
            return restricted.computeIfAbsent(view, v -> {
                if (ChildScope.MANUAL.contains(v)) return ChildScope.restrictManual(staging.get(v));
                SourceContract.Table t = tableOfView.get(v);
                String person = t == null ? null : ChildScope.personColumn(t);
                return person == null ? staging.get(v) : ChildScope.restrict(staging.get(v), t.system(), person);
            });
        }

        /** After the last step: every view over all children again, for whoever reads them next (the audit). */
        void registerAll() {
            staging.forEach((n, ds) -> ds.createOrReplaceTempView(n));
            for (ConformSql.Step st : ConformSql.STEPS) fullOf(st.name());
            for (ConformSql.Step st : ConformSql.STEPS) full.get(st.name()).createOrReplaceTempView(st.name());
        }
    }

    /** Records the fingerprints of the tables {@link #plan} returned: call after they are all written. */
    public void recordWritten() {
        Map<String, String> state = new TreeMap<>(recordedState());
        state.putAll(pending);
        List<Row> rows = new ArrayList<>();
        state.forEach((k, v) -> rows.add(RowFactory.create(k, v)));
        lake.overwrite(STATE_TABLE, lake.spark().createDataFrame(rows, STATE_SCHEMA));
        pending.clear();
    }

    /**
     * True when the lake holds a conformed star and the manual/HR files under {@code landing} differ from
     * the ones it was built from: conform must run even though no drop arrived.
     */
    public static boolean manualFilesChanged(Lake lake, Path landing) {
        if (!lake.exists(STATE_TABLE)) return false;
        String recorded = null;
        for (Row r : lake.read(STATE_TABLE).where(org.apache.spark.sql.functions.col("step").equalTo(ManualSources.QUARANTINE_TABLE)).collectAsList()) {
            recorded = r.getString(1);
        }
        return !sha(ManualSources.fingerprint(landing)).equals(recorded);
    }

    /** Tables found unchanged by the last {@link #plan}: their lake copy was reused. */
    public List<String> reused() { return reused; }

    /** Counts per manual/HR file of the last {@link #plan}: received = loaded + quarantined. */
    public ManualSources.Result manual() { return manual; }

    private Map<String, String> recordedState() {
        Map<String, String> m = new HashMap<>();
        if (!lake.exists(STATE_TABLE)) return m;
        for (Row r : lake.read(STATE_TABLE).collectAsList()) m.put(r.getString(0), r.getString(1));
        return m;
    }

    /** Configuration the SQL uses, as ${name} placeholders. */
    private Map<String, String> parameters() {
        Map<String, String> p = new TreeMap<>();
        p.put("salt", config.string("identity.salt"));
        p.put("unallocated", config.string("report.unallocated"));
        p.put("golive", config.date("golive.date").toString());
        p.put("calendar_first", config.date("calendar.first").toString());
        p.put("calendar_last", config.date("calendar.last").toString());
        p.put("closure_days", String.valueOf(config.dates("calendar.closure.days")));
        p.put("conference_team", config.string("conform.conference.team").replace("'", "''"));
        Map<String, String> maxima = new TreeMap<>(config.withPrefix("caseload.max."));
        if (maxima.isEmpty()) throw Errors.missingKey("caseload.max.SW");
        StringBuilder sql = new StringBuilder("CASE job_title_code");
        maxima.forEach((fullKey, value) -> {
            String title = fullKey.substring("caseload.max.".length());
            double v;
            try {
                v = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw Errors.invalidKey("caseload.max." + title, value, "a number of cases for a full-time worker");
            }
            sql.append(" WHEN '").append(title.replace("'", "''")).append("' THEN ").append(v);
        });
        p.put("max_caseload", sql.append(" END * fte").toString());
        try {
            p.put("bank_holidays", sha(new String(config.conf().open("reference/bank_holidays_england_wales.csv").readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw Errors.of("conf/reference/bank_holidays_england_wales.csv cannot be read.", e.getMessage(), "Restore the file.", e);
        }
        return p;
    }

    private static String substitute(String sql, Map<String, String> params) {
        String s = sql;
        for (Map.Entry<String, String> e : params.entrySet()) s = s.replace("${" + e.getKey() + "}", e.getValue());
        return s;
    }

    /** The latest Delta version of a table from its log directory (-1 when absent): no Spark job. */

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names compared across systems: accents folded, letters only, lower case. */
    public static String normaliseName(String s) {
        if (s == null) return null;
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String letters = folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return letters.isEmpty() ? null : letters;
    }
}
