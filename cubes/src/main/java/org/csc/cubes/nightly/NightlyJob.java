package org.csc.cubes.nightly;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.cubes.kpi.CubeBuilder;
import org.csc.cubes.kpi.KpiCatalog;
import org.csc.cubes.kpi.MemberReuse;
import org.csc.cubes.publish.CubePublisher;
import org.csc.etl.conform.ConformJob;
import org.csc.etl.landing.Drop;
import org.csc.etl.landing.LandingScan;
import org.csc.etl.ledger.DropLedger;
import org.csc.etl.ledger.LedgerEntry;
import org.csc.etl.ledger.RunLog;
import org.csc.etl.quality.DqRunner;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.carefirst.CareFirstSource;
import org.csc.etl.source.liquidlogic.LiquidLogicSource;
import org.csc.etl.stage.StagingJob;
import org.csc.etl.stage.StagingResult;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.io.Dirs;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.lake.LakeHousekeeping;
import org.csc.warehouse.lake.LakeLock;
import org.csc.warehouse.spark.CpuUse;
import org.csc.warehouse.spark.JobCounter;
import org.csc.warehouse.run.RunId;
import org.csc.warehouse.spark.ScopedSparkConf;
import org.csc.warehouse.spark.Spark;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

/**
 * The nightly run: new drops -> staging -> conformed star -> KPI cube -> published DuckDB files.
 * With no new drop it stops after the scan and changes nothing.
 */
public final class NightlyJob {
    public static final List<SourceSystem> SYSTEMS = List.of(new CareFirstSource(), new LiquidLogicSource());
    public static final String CUBES_FILE = "cubes.duckdb";
    public static final String RESTRICTED_FILE = "restricted.duckdb";

    private final WarehouseConfig config;
    private final Consumer<String> out;
    private final Clock clock;

    public NightlyJob(WarehouseConfig config, Consumer<String> out, Clock clock) {
        this.config = config;
        this.out = out;
        this.clock = clock;
    }

    /**
     * @param attention what a person must act on although the run finished ({@link RunAttention}): a
     *                  rejected drop, an unreadable manifest, an export that stopped before its manifest
     */
    public record Summary(String runId, boolean changed, StagingResult staging, Map<String, Long> stageMillis,
                         long kpiRows, List<Path> outputs, List<String> waiting, long sparkJobs, List<String> attention, CpuUse cpu) {}

    /**
     * Printed before "Done in": how many Spark jobs the run started, then by stage (a benchmark
     * running it in a child process reads the first number).
     */
    public static final String SPARK_JOBS = "Spark jobs: ";

    /**
     * The exit code of a run that finished but left something for a person to do ({@link Summary#attention()}):
     * unattended schedulers alert on a non-zero exit.
     */
    public static final int EXIT_ATTENTION = 2;

    public Summary run() {
        String runId = RunId.next(clock);
        try (LakeLock lock = LakeLock.acquire(config.path("lake.dir"), runId)) {
            return runLocked(runId);
        }
    }

    private Summary runLocked(String runId) {
        long t0 = System.nanoTime();
        Map<String, Long> timings = new LinkedHashMap<>();
        Path landing = config.path("landing.dir");
        out.accept("nightly " + runId + ": landing " + landing + ", lake " + config.path("lake.dir") + ", out " + config.path("out.dir"));
        SparkSession spark = Spark.session(config);
        Spark.dropTempViews(spark);
        Lake lake = new Lake(spark, config);
        JobCounter jobs = JobCounter.attach(spark);
        timings.put("start", ms(t0));
        Map<String, Long> stageJobs = new LinkedHashMap<>();
        Map<String, Long> stageCpu = new LinkedHashMap<>();

        long t = System.nanoTime();
        LandingScan.Result scan = LandingScan.scan(landing, SYSTEMS.stream().map(SourceSystem::name).toList());
        List<String> waiting = new ArrayList<>();
        scan.waiting().forEach(w -> waiting.add(w.dropId() + ": skipped, " + w.reason()));
        scan.unreadable().forEach(w -> waiting.add(w.dropId() + ": skipped, " + w.reason()));
        waiting.forEach(w -> out.accept("  " + w));
        DropLedger ledger = new DropLedger(lake);
        Set<String> consumed = ledger.consumedDrops();
        LocalDate until = config.has("nightly.until") ? config.date("nightly.until") : null;
        List<Drop> pending = scan.drops().stream().filter(d -> !consumed.contains(d.id()))
                .filter(d -> until == null || !d.extractDate().isAfter(until)).toList();
        StagingResult staged = null;
        if (pending.isEmpty()) {
            String why = unfinishedWork(lake, landing);
            if (why == null) {
                out.accept("No new drops since the last run (" + consumed.size() + " already applied): nothing to do, outputs unchanged.");
                jobs.detach(spark);
                return new Summary(runId, false, null, timings, 0, List.of(), waiting, jobs.jobs(), attention(scan, null),
                        CpuUse.now(jobs.taskCpuMillis(), stageCpu));
            }
            out.accept("No new drops since the last run, but " + why + ": conform, audit and cubes run again.");
        } else {
            out.accept("[extract] " + pending.size() + " new drop(s): " + pending.get(0).id()
                    + (pending.size() > 1 ? " ... " + pending.get(pending.size() - 1).id() : ""));
            staged = new StagingJob(lake, m -> {}, config.integer("lake.writers"), config.integer("staging.buffer.rows"),
                    config.integer("staging.rewrite.max.mb") * 1024L * 1024L).run(runId, SYSTEMS, pending);
            staged.messages().forEach(m -> out.accept("  " + m));
            ledger.record(staged.entries());
            timings.put("extract", ms(t));
            mark("extract", jobs, stageJobs, stageCpu);
            out.accept("[extract] applied " + staged.dropsApplied() + ", superseded " + staged.dropsSuperseded() + ", rejected "
                    + staged.dropsRejected() + "; staging tables changed: " + staged.changedTables().size());
            if (staged.dropsApplied() == 0) {
                String why = unfinishedWork(lake, landing);
                if (why == null) {
                    out.accept("No drop could be applied: outputs unchanged.");
                    jobs.detach(spark);
                    return new Summary(runId, false, staged, timings, 0, List.of(), waiting, jobs.jobs(), attention(scan, staged),
                            CpuUse.now(jobs.taskCpuMillis(), stageCpu));
                }
                out.accept("No drop could be applied, but " + why + ": conform, audit and cubes run again.");
            }
        }

        t = System.nanoTime();
        ConformJob conform = new ConformJob(lake, config, out);
        Map<String, Dataset<Row>> star = conform.plan(SYSTEMS);
        lake.overwriteAll(star, config.integer("lake.writers"));
        conform.recordWritten();
        star.keySet().forEach(name -> lake.read(name).createOrReplaceTempView(name));
        timings.put("conform", ms(t));
        mark("conform", jobs, stageJobs, stageCpu);
        out.accept("[conform] " + star.size() + " tables: " + String.join(", ", star.keySet()));

        // Data quality (issue 6): the rule catalog over staging and the star, after conform; published below.
        t = System.nanoTime();
        DqRunner.run(lake, config, SYSTEMS, runId, out);
        timings.put("audit", ms(t));
        mark("audit", jobs, stageJobs, stageCpu);

        t = System.nanoTime();
        YearMonth from = YearMonth.parse(config.string("report.from"));
        YearMonth to = YearMonth.from(latestExtract(lake));
        CubePublisher.Result published;
        // The cube's few large aggregations repay generated code that the run's many small plans do not.
        try (ScopedSparkConf scope = ScopedSparkConf.apply(spark, config, "cubes.spark.")) {
            CubeBuilder builder = new CubeBuilder(spark, config, KpiCatalog.ALL, out);
            MemberReuse reuse = builder.reusing(lake);
            CubeBuilder.Cube cube = builder.build(from, to, runId);
            Path outDir = config.path("out.dir");
            Map<String, Dataset<Row>> quality = new LinkedHashMap<>();
            quality.put(DqRunner.RESULTS, lake.read(DqRunner.RESULTS));
            quality.put(DqRunner.RULE_RUNS, lake.read(DqRunner.RULE_RUNS));
            quality.put(DqRunner.RULES, lake.read(DqRunner.RULES));
            Map<String, Dataset<Row>> restrictedExtras = new LinkedHashMap<>();
            restrictedExtras.put("identity_matches", lake.read("map_child"));
            restrictedExtras.put(DqRunner.FINDINGS, lake.read(DqRunner.FINDINGS));
            published = new CubePublisher(lake, config, KpiCatalog.ALL, out)
                    .publish(cube, runId, outDir, quality, restrictedExtras);
            reuse.record(runId);
        }
        long kpiRows = published.kpiRows();
        timings.put("cubes+publish", ms(t));
        mark("cubes+publish", jobs, stageJobs, stageCpu);

        t = System.nanoTime();
        RunLog runLog = new RunLog(lake);
        boolean vacuumed = runLog.isEmpty();
        if (runLog.vacuumDue(clock.instant(), Duration.ofDays(config.integer("lake.vacuum.every.days")))) {
            try {
                housekeeping(lake, config, out);
                vacuumed = true;
            } catch (RuntimeException e) {
                // The outputs are published: old files left on disk are tried again next night, not a failed run.
                out.accept("[housekeeping] old table versions' files were not deleted (tried again next run): " + e.getMessage());
            }
            timings.put("housekeeping", ms(t));
            mark("housekeeping", jobs, stageJobs, stageCpu);
        }
        runLog.recordFinished(runId, vacuumed);
        timings.put("total", ms(t0));
        out.accept("[cubes] " + KpiCatalog.ALL.size() + " indicators, " + from + " to " + to + ": " + kpiRows + " kpi_values rows");
        Path cubesFile = published.cubes();
        Path restrictedFile = published.restricted();
        if (staged != null) printCounts(staged);
        jobs.detach(spark);
        CpuUse cpu = CpuUse.now(jobs.taskCpuMillis(), stageCpu);
        out.accept(SPARK_JOBS + jobs.jobs() + " " + stageJobs);
        out.accept(cpu.line());
        out.accept("Done in " + String.format("%.1f", timings.get("total") / 1000.0) + " s " + timings);
        return new Summary(runId, true, staged, timings, kpiRows, List.of(cubesFile, restrictedFile), waiting, jobs.jobs(),
                attention(scan, staged), cpu);
    }

    /**
     * A full rebuild from the landing area: clears the lake (ledger, staging, star, cubes' inputs)
     * and replays every drop in extract-date order as one run. The published files are replaced
     * as in a nightly run.
     */
    public Summary rebuild() {
        Path lakeDir = config.path("lake.dir");
        String runId = RunId.next(clock);
        try (LakeLock lock = LakeLock.acquire(lakeDir, runId)) {
            out.accept("rebuild: clearing " + lakeDir + " and replaying every drop in the landing area");
            Dirs.deleteTree(lakeDir);
            return runLocked(runId);
        }
    }

    private void printCounts(StagingResult staged) {
        Map<String, long[]> byTable = new LinkedHashMap<>();
        for (LedgerEntry e : staged.entries()) {
            if (e.status() != LedgerEntry.Status.APPLIED || e.file() == null) continue;
            long[] c = byTable.computeIfAbsent(e.system() + "/" + e.file(), k -> new long[3]);
            c[0] += e.received();
            c[1] += e.staged();
            c[2] += e.quarantined();
        }
        out.accept(String.format("  %-48s %10s %10s %12s", "file (all drops this run)", "received", "loaded", "quarantined"));
        byTable.forEach((k, c) -> out.accept(String.format("  %-48s %10d %10d %12d", k, c[0], c[1], c[2])));
    }

    /**
     * Keeps the last dq.results.keep.runs runs' audit results, compacts tables grown by appends and
     * deletes old table versions' files: done by the nightly every lake.vacuum.every.days, or by
     * {@code csc housekeeping}. The caller holds the lake's lock.
     */
    public static void housekeeping(Lake lake, WarehouseConfig config, Consumer<String> out) {
        int keep = config.integer("dq.results.keep.runs");
        int pruned = DqRunner.pruneResults(lake, keep);
        if (pruned > 0) out.accept("[housekeeping] " + DqRunner.RESULTS + ": removed the results of " + pruned
                + " runs older than the last " + keep + " (" + DqRunner.RULE_RUNS + " keeps every run's totals)");
        out.accept("[housekeeping] " + LakeHousekeeping.vacuum(lake, config).describe());
    }

    private List<String> attention(LandingScan.Result scan, StagingResult staged) {
        return RunAttention.of(scan, staged, clock.instant(), Duration.ofHours(config.integer("landing.stalled.hours")));
    }

    /**
     * Why conform, the audit and the cubes must run although this run applied no drop, or null:
     * the manual logs and HR file are not drops, so a change to them alone changes the star; and
     * drops a run applied before it stopped are in staging but not yet in the published outputs.
     */
    private static String unfinishedWork(Lake lake, Path landing) {
        if (ConformJob.manualFilesChanged(lake, landing)) return "the manual/HR files changed";
        String run = new RunLog(lake).unpublishedRun();
        return run == null ? null : "the drops applied by " + run + " are not in the published outputs (that run did not finish)";
    }

    static LocalDate latestExtract(Lake lake) {
        Row r = lake.read(DropLedger.TABLE).where(col("status").equalTo("APPLIED")).agg(max("extract_date")).head();
        return r.getDate(0).toLocalDate();
    }


    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Closes a stage's counts: the Spark jobs it started and its tasks' CPU in milliseconds. */
    private static void mark(String stage, JobCounter jobs, Map<String, Long> stageJobs, Map<String, Long> stageCpu) {
        stageJobs.put(stage, jobs.jobs() - jobsBefore(stageJobs));
        stageCpu.put(stage, jobs.taskCpuMillis() - jobsBefore(stageCpu));
    }

    private static long jobsBefore(Map<String, Long> stageJobs) {
        return stageJobs.values().stream().mapToLong(Long::longValue).sum();
    }
}
