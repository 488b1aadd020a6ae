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
        for (ConformSql.Step step : ConformSql.STEPS) {
            if (step.persisted() && !dirty.contains(step.name())) {
                lake.read(step.name()).createOrReplaceTempView(step.name());
                skipped.add(step.name());
                continue;
            }
            long t0 = System.nanoTime();
            Dataset<Row> ds = spark.sql(substitute(step.sql(), params));
            if (java.util.Arrays.asList(ds.columns()).contains("_deleted")) ds = ds.drop("_deleted");
            boolean shared = materialise && readLater.contains(step.name()) && needed.contains(step.name());
            if (step.kind() == ConformSql.Kind.CACHED && shared || step.persisted() && shared) {
                // Small intermediates read by several later steps: computed once, not once per reader.
                ds = ds.localCheckpoint(true);
            }
            ds.createOrReplaceTempView(step.name());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > slowMillis) log.accept("  [conform] " + step.name() + " planned in " + ms + " ms" + (shared ? " (materialised)" : ""));
            if (step.persisted()) {
                out.put(step.name(), ds);
                pending.put(step.name(), fp.get(step.name()));
            }
        }
        reused = List.copyOf(skipped);
        if (!skipped.isEmpty()) log.accept("[conform] unchanged, not recomputed: " + String.join(", ", skipped));
        return out;
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
