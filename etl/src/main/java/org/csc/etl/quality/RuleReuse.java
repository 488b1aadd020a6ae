package org.csc.etl.quality;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.etl.conform.Mappings;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Which rules may copy their outcome from the last run instead of checking the same records again.
 * A rule's findings and counts follow from its query, the configuration and the rows it reads; a
 * rule whose fingerprint of those is the one recorded for the last run keeps that run's findings and
 * results. After go-live Care First sends no more drops, so its rules (about half of the records the
 * audit checks) stop costing anything on a nightly. A rule that reads the clock always runs.
 *
 * <p>What a fingerprint covers: a lake table by its Delta version; an enriched staging view by its
 * query text, its staging table and the identity views it joins; any other view by its content.
 */
final class RuleReuse {
    static final String STATE = "dq_rule_state";
    static final StructType STATE_SCHEMA = new StructType().add("rule", DataTypes.StringType)
            .add("fingerprint", DataTypes.StringType).add("run_id", DataTypes.StringType);

    private static final Pattern NAME = Pattern.compile("\\b((?:stg|all|int|map|dim|fct|dq|identity|etl)_[a-z0-9_]+)\\b");
    private static final Pattern CLOCK = Pattern.compile("(?i)\\b(current_date|current_timestamp|now|localtimestamp)\\s*\\(");

    /** @param reused rules whose last outcome stands; {@code lastRun} the run it is copied from */
    record Plan(Map<String, String> fingerprints, Set<String> reused, String lastRun) {
        static Plan none() { return new Plan(Map.of(), Set.of(), null); }
    }

    private RuleReuse() {}

    /** Call after {@link DqViews#registerInputs}: identity views and staging must be registered. */
    static Plan plan(SparkSession spark, Lake lake, WarehouseConfig config, List<SourceSystem> systems, List<DqRule> rules, boolean reuse) {
        Map<String, SourceContract.Table> enriched = new HashMap<>();
        Map<String, String> systemOf = new HashMap<>();
        for (SourceSystem s : systems) {
            for (SourceContract.Table t : s.contract().tables().values()) {
                enriched.put(DqViews.enrichedView(s.name(), t), t);
                systemOf.put(DqViews.enrichedView(s.name(), t), s.name());
            }
        }
        // Names each rule reads, and of those the views to fingerprint by content (small ones only).
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        Set<String> byContent = new TreeSet<>();
        for (DqRule r : rules) {
            Set<String> names = new TreeSet<>();
            Matcher m = NAME.matcher(r.sql());
            // Enriched views are registered after this plan (only those still needed), so they count whether or not they exist yet.
            while (m.find()) if (enriched.containsKey(m.group(1)) || spark.catalog().tableExists(m.group(1))) names.add(m.group(1));
            reads.put(r.code(), names);
            for (String n : names) {
                if (enriched.containsKey(n)) {
                    SourceContract.Table t = enriched.get(n);
                    if (!lake.exists(t.stagedTable())) byContent.add(t.stagedTable());
                    byContent.addAll(DqViews.IDENTITY_VIEWS.get(systemOf.get(n)));
                } else if (!lake.exists(n)) {
                    byContent.add(n);
                }
            }
        }
        Map<String, String> content = contentHashes(spark, byContent);
        String global = Mappings.fingerprint(config) + "|golive=" + config.date("golive.date");
        Map<String, String> fps = new LinkedHashMap<>();
        for (DqRule r : rules) {
            StringBuilder sb = new StringBuilder(r.sql()).append('|').append(global);
            for (String n : reads.get(r.code())) {
                sb.append('|').append(n).append('=');
                if (enriched.containsKey(n)) {
                    SourceContract.Table t = enriched.get(n);
                    sb.append(DqViews.enrichedSql(systemOf.get(n), t, config)).append('/').append(input(lake, content, t.stagedTable()));
                    for (String id : DqViews.IDENTITY_VIEWS.get(systemOf.get(n))) sb.append('/').append(content.get(id));
                } else {
                    sb.append(input(lake, content, n));
                }
            }
            fps.put(r.code(), DigestUtils.sha256Hex(sb.toString()));
        }
        if (!reuse || !lake.exists(STATE) || !lake.exists(DqRunner.RULE_RUNS) || !lake.exists(DqRunner.FINDINGS)) {
            return new Plan(fps, Set.of(), null);
        }
        Row last = lake.read(DqRunner.RULE_RUNS).agg(org.apache.spark.sql.functions.max("run_id")).head();
        if (last.isNullAt(0)) return new Plan(fps, Set.of(), null);
        String lastRun = last.getString(0);
        // The findings table holds one run's findings: copying is safe only when that run is the last one recorded.
        List<String> findingRuns = lake.read(DqRunner.FINDINGS).select("run_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        if (!findingRuns.isEmpty() && !findingRuns.equals(List.of(lastRun))) return new Plan(fps, Set.of(), null);
        Set<String> reused = new TreeSet<>();
        for (Row s : lake.read(STATE).collectAsList()) {
            String rule = s.getString(0);
            DqRule r = rules.stream().filter(x -> x.code().equals(rule)).findFirst().orElse(null);
            if (r != null && !CLOCK.matcher(r.sql()).find() && s.getString(1).equals(fps.get(rule)) && lastRun.equals(s.getString(2))) {
                reused.add(rule);
            }
        }
        return new Plan(fps, reused, lastRun);
    }

    /** The state after this run: every rule that ran or was copied, with this run's id. */
    static Dataset<Row> state(SparkSession spark, Plan plan, List<DqRule> ran, String runId) {
        List<Row> rows = new ArrayList<>();
        for (DqRule r : ran) rows.add(RowFactory.create(r.code(), plan.fingerprints().get(r.code()), runId));
        return spark.createDataFrame(rows, STATE_SCHEMA);
    }

    private static String input(Lake lake, Map<String, String> content, String name) {
        return content.containsKey(name) ? "c" + content.get(name) : "v" + lake.version(name);
    }

    /** Row count and an order-free sum of row hashes per view, in one Spark job. */
    private static Map<String, String> contentHashes(SparkSession spark, Set<String> views) {
        Map<String, String> out = new HashMap<>();
        if (views.isEmpty()) return out;
        Dataset<Row> all = null;
        for (String v : views) {
            Dataset<Row> t = spark.table(v);
            Column[] cols = java.util.Arrays.stream(t.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
            Dataset<Row> agg = t.agg(count(lit(1)).as("n"), sum(xxhash64(cols).cast("decimal(38,0)")).cast("string").as("h"))
                    .select(lit(v).as("view"), col("n"), col("h"));
            all = all == null ? agg : all.unionAll(agg);
        }
        for (Row r : all.collectAsList()) out.put(r.getString(0), r.getLong(1) + ":" + r.getString(2));
        return out;
    }
}
