package org.csc.etl.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.etl.source.SourceSystem;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.ScopedSparkConf;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.array_repeat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Runs the catalog: every rule's population query is unioned into one plan (one pass over the
 * data, not one Spark job per rule), reduced in one aggregation to its failing records and the
 * counts per rule, team and month ({@link #outcomes}), then written as dq_findings (record level,
 * restricted, latest run), dq_results (rule x team x month, checked and failed, appended per run
 * so trends can be drawn; housekeeping keeps the last dq.results.keep.runs runs), dq_rule_runs
 * (per rule per run, with the jump flag) and dq_rules.
 */
public final class DqRunner {
    public static final String FINDINGS = "dq_findings";
    public static final String RESULTS = "dq_results";
    public static final String RULE_RUNS = "dq_rule_runs";
    public static final String RULES = "dq_rules";

    public static final StructType RULES_SCHEMA = new StructType()
            .add("rule", DataTypes.StringType).add("dimension", DataTypes.StringType).add("severity", DataTypes.StringType)
            .add("description", DataTypes.StringType).add("fix", DataTypes.StringType).add("dfe_code", DataTypes.StringType)
            .add("detects", DataTypes.StringType);

    /** The unioned population and what could not run (rule -> why). */
    public record Evaluation(Dataset<Row> population, List<DqRule> ran, Map<String, String> skipped) {}

    public record RuleTotal(String rule, long checked, long failed, Long previousFailed, boolean jumped) {}

    public record Summary(String runId, List<RuleTotal> totals, Map<String, String> skipped) {
        public List<RuleTotal> jumps() { return totals.stream().filter(RuleTotal::jumped).toList(); }
        public long failed() { return totals.stream().mapToLong(RuleTotal::failed).sum(); }
        public long checked() { return totals.stream().mapToLong(RuleTotal::checked).sum(); }
    }

    private static final Pattern ENRICHED = Pattern.compile("\\bdq_(carefirst|liquidlogic)__[a-z0-9_]+");

    private DqRunner() {}

    /** Registers the helper views and builds the unioned population; a rule whose star tables are absent is skipped, not failed. */
    public static Evaluation evaluate(SparkSession spark, WarehouseConfig config, Lake lake, List<SourceSystem> systems, List<DqRule> rules) {
        DqViews.registerInputs(spark, config, lake, systems);
        Map<String, String> skipped = new LinkedHashMap<>();
        return evaluate(spark, config, systems, runnable(spark, RuleCatalog.resolved(rules, config), skipped), skipped);
    }

    /** The resolved rules whose star tables exist; the others go to {@code skipped} with the reason. */
    private static List<DqRule> runnable(SparkSession spark, List<DqRule> resolved, Map<String, String> skipped) {
        List<DqRule> out = new ArrayList<>();
        for (DqRule r : resolved) {
            List<String> missing = r.reads().stream().filter(t -> !spark.catalog().tableExists(t)).toList();
            if (missing.isEmpty()) out.add(r);
            else skipped.put(r.code(), "needs " + String.join(", ", missing) + " (not built yet)");
        }
        return out;
    }

    private static Evaluation evaluate(SparkSession spark, WarehouseConfig config, List<SourceSystem> systems, List<DqRule> rules,
                                       Map<String, String> skipped) {
        Set<String> used = new TreeSet<>();
        for (DqRule r : rules) {
            Matcher m = ENRICHED.matcher(r.sql());
            while (m.find()) used.add(m.group());
        }
        DqViews.registerEnriched(spark, config, systems, used);
        List<DqRule> ran = new ArrayList<>();
        Dataset<Row> union = null;
        for (DqRule r : rules) {
            Dataset<Row> ds;
            try {
                ds = spark.sql(r.sql());
            } catch (Exception e) { // AnalysisException is a checked type that Scala throws undeclared
                skipped.put(r.code(), "query does not fit the tables: " + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            if (ds.columns().length != DqRule.COLUMNS.length) {
                skipped.put(r.code(), "query returns " + ds.columns().length + " columns, not " + DqRule.COLUMNS.length);
                continue;
            }
            ds = ds.toDF(DqRule.COLUMNS).select(lit(r.code()).as("rule"),
                    col("source_system").cast("string").as("source_system"), col("source_table").cast("string").as("source_table"),
                    col("record_key").cast("string").as("record_key"), col("child_key").cast("string").as("child_key"),
                    col("worker_key").cast("string").as("worker_key"),
                    when(col("team").isNull(), lit("UNKNOWN")).otherwise(col("team").cast("string")).as("team"),
                    col("month").cast("date").as("month"),
                    when(col("failed").isNull(), lit(false)).otherwise(col("failed").cast("boolean")).as("failed"),
                    col("detail").cast("string").as("detail"));
            union = union == null ? ds : union.unionAll(ds);
            ran.add(r);
        }
        if (union == null) union = spark.createDataFrame(List.of(), populationSchema());
        return new Evaluation(union, ran, skipped);
    }

    /**
     * The population reduced to what the audit writes: one row per rule, team and month for its passing
     * records, and one row per distinct failing record, each with how many records it stands for.
     */
    static Dataset<Row> outcomes(Dataset<Row> population) {
        String[] finding = {"source_system", "source_table", "record_key", "child_key", "worker_key", "detail"};
        List<org.apache.spark.sql.Column> keys = new ArrayList<>(List.of(col("rule"), col("team"), col("month"), col("failed")));
        for (String c : finding) keys.add(when(col("failed"), col(c)).as(c));
        return population.select(keys.toArray(org.apache.spark.sql.Column[]::new))
                .groupBy("rule", "team", "month", "failed", "source_system", "source_table", "record_key", "child_key", "worker_key", "detail")
                .agg(count(lit(1)).as("records"));
    }

    static StructType populationSchema() {
        StructType s = new StructType().add("rule", DataTypes.StringType);
        for (String c : DqRule.COLUMNS) {
            s = s.add(c, c.equals("month") ? DataTypes.DateType : c.equals("failed") ? DataTypes.BooleanType : DataTypes.StringType);
        }
        return s;
    }

    /** Evaluates the catalog and writes this run's tables. Public: the nightly job calls it after conform. */
    public static Summary run(Lake lake, WarehouseConfig config, List<SourceSystem> systems, String runId, Consumer<String> log) {
        return run(lake, config, systems, RuleCatalog.ALL, runId, log);
    }

    public static Summary run(Lake lake, WarehouseConfig config, List<SourceSystem> systems, List<DqRule> rules, String runId, Consumer<String> log) {
        SparkSession spark = lake.spark();
        // One plan holds every rule: adaptive re-planning after each stage and whole-stage code generation
        // cost more than they save at a council's data sizes, so the pass runs with its own settings (dq.spark.*).
        try (ScopedSparkConf scope = ScopedSparkConf.apply(spark, config, "dq.spark.")) {
            return write(lake, config, systems, rules, runId, log, spark);
        }
    }

    private static Summary write(Lake lake, WarehouseConfig config, List<SourceSystem> systems, List<DqRule> rules, String runId,
                                 Consumer<String> log, SparkSession spark) {
        DqViews.registerInputs(spark, config, lake, systems);
        Map<String, String> skipping = new LinkedHashMap<>();
        List<DqRule> runnable = runnable(spark, RuleCatalog.resolved(rules, config), skipping);
        RuleReuse.Plan plan = RuleReuse.plan(spark, lake, config, systems, runnable, config.bool("dq.reuse.unchanged"));
        List<DqRule> kept = runnable.stream().filter(r -> plan.reused().contains(r.code())).toList();
        Evaluation ev = evaluate(spark, config, systems, runnable.stream().filter(r -> !plan.reused().contains(r.code())).toList(), skipping);
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        ev.skipped().forEach((rule, why) -> byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(rule));
        byReason.forEach((why, codes) -> log.accept("  [quality] skipped " + String.join(", ", codes) + ": " + why));
        List<String> keptCodes = kept.stream().map(DqRule::code).toList();
        Dataset<Row> keptFindings = null;
        Dataset<Row> keptResults = null;
        if (!kept.isEmpty()) {
            log.accept("  [quality] " + kept.size() + " rules read nothing that changed since " + plan.lastRun()
                    + ": their findings and counts are kept: " + String.join(", ", keptCodes));
            // Copied before the findings table is replaced; eager, so the copy does not read the table it overwrites.
            keptFindings = lake.read(FINDINGS).where(col("rule").isin(keptCodes.toArray())).withColumn("run_id", lit(runId)).localCheckpoint(true);
            keptResults = lake.read(RESULTS).where(col("run_id").equalTo(plan.lastRun()).and(col("rule").isin(keptCodes.toArray())))
                    .withColumn("run_id", lit(runId)).localCheckpoint(true);
        }
        // One aggregation over every checked record instead of caching them all (7 M rows at scale 10, most
        // of them passing): passing records collapse to one row per rule, team and month, each failing record
        // keeps its own row. Findings and counts are then both read from that small eager result.
        Dataset<Row> outcome = outcomes(ev.population()).localCheckpoint(true);
        Dataset<Row> findings = outcome.where(col("failed"))
                .withColumn("copy", explode(array_repeat(lit(1), col("records").cast("int"))))
                .select(lit(runId).as("run_id"), col("rule"), col("source_system"), col("source_table"),
                        col("record_key"), col("child_key"), col("worker_key"), col("team"), col("month"), col("detail"));
        lake.overwrite(FINDINGS, keptFindings == null ? findings : findings.unionByName(keptFindings));
        Dataset<Row> results = outcome.groupBy("rule", "team", "month")
                .agg(sum("records").as("checked"), sum(when(col("failed"), col("records")).otherwise(0L)).as("failed"))
                .select(lit(runId).as("run_id"), col("rule"), col("team"), col("month"), col("checked"), col("failed"));
        lake.append(RESULTS, keptResults == null ? results : results.unionByName(keptResults));
        List<DqRule> checked = new ArrayList<>(ev.ran());
        checked.addAll(kept);
        Map<String, long[]> now = new LinkedHashMap<>();
        for (DqRule r : checked) now.put(r.code(), new long[2]);
        for (Row r : lake.read(RESULTS).where(col("run_id").equalTo(runId)).groupBy("rule")
                .agg(sum("checked"), sum("failed")).collectAsList()) {
            now.put(r.getString(0), new long[]{r.getLong(1), r.getLong(2)});
        }
        Map<String, Long> previous = previousFailed(lake);
        double factor = config.decimal("dq.jump.factor");
        long min = config.integer("dq.jump.min.failed");
        List<RuleTotal> totals = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Timestamp at = Timestamp.from(Instant.now());
        for (var e : now.entrySet()) {
            Long prev = previous.get(e.getKey());
            boolean jumped = JumpFlag.jumped(e.getValue()[1], prev, factor, min);
            totals.add(new RuleTotal(e.getKey(), e.getValue()[0], e.getValue()[1], prev, jumped));
            rows.add(RowFactory.create(runId, at, e.getKey(), e.getValue()[0], e.getValue()[1], prev, jumped));
        }
        lake.append(RULE_RUNS, spark.createDataFrame(rows, RULE_RUNS_SCHEMA));
        lake.overwrite(RULES, spark.createDataFrame(ruleRows(RuleCatalog.resolved(rules, config)), RULES_SCHEMA));
        // Last: a run that stops before this line leaves no state that would let the next one copy from it.
        lake.overwrite(RuleReuse.STATE, RuleReuse.state(spark, plan, checked, runId));
        Summary s = new Summary(runId, totals, ev.skipped());
        log.accept("[quality] " + ev.ran().size() + " rules run, " + (kept.isEmpty() ? "" : kept.size() + " kept from the last run, ")
                + ev.skipped().size() + " skipped: " + s.failed() + " findings in "
                + s.checked() + " records checked" + (s.jumps().isEmpty() ? "" : "; failures jumped for "
                + String.join(", ", s.jumps().stream().map(RuleTotal::rule).toList())));
        return s;
    }

    public static final StructType RULE_RUNS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType).add("run_at", DataTypes.TimestampType).add("rule", DataTypes.StringType)
            .add("checked", DataTypes.LongType).add("failed", DataTypes.LongType).add("previous_failed", DataTypes.LongType)
            .add("jumped", DataTypes.BooleanType);

    public static List<Row> ruleRows(List<DqRule> rules) {
        return rules.stream().map(r -> RowFactory.create(r.code(), r.dimension().name(), r.severity().name(), r.description(), r.fix(),
                r.dfeCode(), r.detects())).toList();
    }

    /**
     * Removes dq_results of all but the latest {@code keepRuns} runs (the audit report reads the latest;
     * dq_rule_runs keeps every run's totals for the trend). Appended every night, the table would
     * otherwise grow with the number of runs, and be published whole each night. Returns the runs removed.
     */
    public static int pruneResults(Lake lake, int keepRuns) {
        if (!lake.exists(RESULTS) || keepRuns < 1) return 0;
        List<String> runs = lake.read(RESULTS).select("run_id").distinct().collectAsList().stream().map(r -> r.getString(0))
                .sorted(java.util.Comparator.reverseOrder()).toList();
        if (runs.size() <= keepRuns) return 0;
        lake.delta(RESULTS).delete(col("run_id").lt(runs.get(keepRuns - 1)));
        return runs.size() - keepRuns;
    }

    /** Each rule's failures in the latest earlier run. */
    private static Map<String, Long> previousFailed(Lake lake) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (!lake.exists(RULE_RUNS)) return out;
        Dataset<Row> runs = lake.read(RULE_RUNS);
        Row last = runs.agg(org.apache.spark.sql.functions.max("run_id")).head();
        if (last.isNullAt(0)) return out;
        for (Row r : runs.where(col("run_id").equalTo(last.getString(0))).select("rule", "failed").collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }
}
