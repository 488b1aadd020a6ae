package org.csc.cubes.bench;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.etl.landing.Drop;
import org.csc.etl.landing.LandingScan;
import org.csc.etl.ledger.LedgerEntry;
import org.csc.etl.simulate.SimulationOptions;
import org.csc.etl.simulate.SimulationSummary;
import org.csc.etl.simulate.Simulator;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;
import org.csc.warehouse.io.Dirs;
import org.csc.warehouse.spark.Spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The benchmark: simulate at a scale (cached), a full rebuild up to the last D drops, then D
 * incremental nightlies of one drop each, then the analyst queries. Prints stage timings, rows per
 * second, Spark jobs, peak memory, the incremental cost as a fraction of the rebuild, query
 * p50/p95, and writes the figures as CSV. Figures are measurements, never assertions.
 */
public final class Benchmark {
    public record Row(String phase, String stage, long millis, long rows, long jobs, long peakRssMb) {
        String csv(int scale) {
            return scale + "," + phase + "," + stage + "," + millis + "," + rows + "," + rowsPerSecond() + "," + jobs + "," + peakRssMb;
        }
        long rowsPerSecond() { return millis <= 0 ? 0 : rows * 1000 / millis; }
    }

    public record Query(String name, String sql) {}

    private final WarehouseConfig config;
    private final Consumer<String> out;
    private final List<String> childArgs;

    /** Nightlies run in this process (tests; Delta and the JIT stay warm between runs). */
    public Benchmark(WarehouseConfig config, Consumer<String> out) {
        this(config, out, null);
    }

    /**
     * childArgs not null: each nightly runs in a fresh JVM, as scheduled, with these csc arguments
     * (the configuration file and -D overrides this process was given) before the bench's own.
     */
    public Benchmark(WarehouseConfig config, Consumer<String> out, List<String> childArgs) {
        this.config = config;
        this.out = out;
        this.childArgs = childArgs == null ? null : List.copyOf(childArgs);
    }

    public List<Row> run(int scale, int deltaDays, int queryRepeats) throws IOException, SQLException {
        return run(scale, deltaDays, queryRepeats, false);
    }

    /**
     * As {@link #run(int, int, int)}; {@code resume} keeps the run directory of an earlier bench at
     * this scale and does not run again a nightly whose log there is complete: its figures are read
     * from that log. A rebuild at scale 100 takes an hour, so an interrupted bench need not repeat it.
     */
    public List<Row> run(int scale, int deltaDays, int queryRepeats, boolean resume) throws IOException, SQLException {
        return run(scale, deltaDays, queryRepeats, resume, 1);
    }

    /**
     * As {@link #run(int, int, int, boolean)}, repeating the rebuild and its nightlies {@code pairs}
     * times, each from an empty lake, alternately: this machine's speed drifts by up to 2x within an
     * hour, so one rebuild and one night can each land in a fast or a slow spell. The ratio of each
     * pair and their median and range are printed.
     */
    public List<Row> run(int scale, int deltaDays, int queryRepeats, boolean resume, int pairs) throws IOException, SQLException {
        if (pairs < 1) throw Errors.of("--pairs " + pairs + " is not a number of rebuild-and-nightly pairs.", "At least one pair is run.", "Pass --pairs 1 or more.");
        Path base = config.path("bench.dir");
        Path landing = base.resolve("landing-scale-" + scale);
        List<Row> rows = new ArrayList<>();
        if (!Files.isDirectory(landing.resolve(Simulator.TRUTH_DIR))) {
            Dirs.deleteTree(landing);
            SimulationOptions o = SimulationOptions.defaults(landing).withScale(scale);
            out.accept("bench: simulating scale " + scale + " into " + landing);
            SimulationSummary s = Simulator.run(o, config);
            out.accept("bench: " + s);
            rows.add(new Row("simulate", "simulate", Math.round(s.seconds() * 1000), s.rows(), 0, peakRssMb()));
        } else {
            out.accept("bench: reusing the simulated landing area " + landing);
        }
        List<Drop> drops = LandingScan.scan(landing, NightlyJob.SYSTEMS.stream().map(s -> s.name()).toList()).drops();
        List<LocalDate> dates = drops.stream().map(Drop::extractDate).distinct().sorted().toList();
        List<Boolean> deltaOnly = dates.stream().map(d -> drops.stream().noneMatch(x -> x.extractDate().equals(d) && x.isFull())).toList();
        int last = lastDeltaNights(deltaOnly, deltaDays);
        if (last < 0) {
            throw Errors.of("The landing area has no " + deltaDays + " consecutive extract dates of DELTA drops only after a first one.",
                    "--delta-days " + deltaDays + " nights of one DELTA drop each need them.", "Pass a smaller --delta-days.");
        }
        if (last < dates.size() - 1) {
            out.accept("bench: the incremental nights are the last " + deltaDays + " of DELTA drops only (to " + dates.get(last)
                    + "); later dates hold a FULL drop and are not applied");
        }
        Path run = base.resolve("run-scale-" + scale);
        if (!resume) Dirs.deleteTree(run);
        Map<String, String> where = new LinkedHashMap<>();
        where.put("landing.dir", landing.toString());
        where.put("lake.dir", run.resolve("lake").toString());
        where.put("out.dir", run.resolve("out").toString());
        out.accept("bench: nightlies run " + (childArgs == null ? "in this JVM (warm after the rebuild)" : "each in a fresh JVM, as scheduled"));

        List<LocalDate> incremental = dates.subList(last - deltaDays + 1, last + 1);
        LocalDate fullUntil = dates.get(last - deltaDays);
        List<Double> ratios = new ArrayList<>(), cpuRatios = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            String suffix = pair == 1 ? "" : "-" + pair;
            if (pair > 1) {
                // The next pair starts from an empty lake again (a resumed pair keeps what its logs describe).
                if (!resume || completedLog(run.resolve("nightly-full" + suffix + ".log")) == null) {
                    Dirs.deleteTree(run.resolve("lake"));
                    Dirs.deleteTree(run.resolve("out"));
                }
            }
            Night full = nightly(where, fullUntil, "full" + suffix, rows, run, resume);
            long incTotal = 0, incCpu = 0, incTasks = 0;
            for (int i = 0; i < incremental.size(); i++) {
                Night n = nightly(where, incremental.get(i), "incremental-" + (i + 1) + suffix, rows, run, resume);
                incTotal += n.millis();
                incCpu += n.processCpuMillis();
                incTasks += n.taskCpuMillis();
            }
            if (incremental.isEmpty()) continue;
            int k = incremental.size();
            ratios.add((double) incTotal / k / full.millis());
            out.accept(String.format("bench: %sfull rebuild %.1f s; incremental nightly mean %.1f s = %.0f%% of the rebuild",
                    pairs > 1 ? "pair " + pair + ": " : "", full.millis() / 1000.0, incTotal / 1000.0 / k, 100.0 * incTotal / k / full.millis()));
            // CPU varies less than wall time when the machine's speed drifts, and the tasks' share says
            // how much of a night is work over the rows rather than compiling, planning and collecting.
            if (full.processCpuMillis() > 0 && incCpu > 0) {
                cpuRatios.add((double) incCpu / k / full.processCpuMillis());
                out.accept(String.format("bench: %sCPU: full rebuild %.1f s (Spark tasks %.1f s); incremental nightly mean %.1f s"
                                + " (Spark tasks %.1f s) = %.0f%% of the rebuild's", pairs > 1 ? "pair " + pair + ": " : "",
                        full.processCpuMillis() / 1000.0, full.taskCpuMillis() / 1000.0, incCpu / 1000.0 / k, incTasks / 1000.0 / k,
                        100.0 * incCpu / k / full.processCpuMillis()));
            }
        }
        if (ratios.size() > 1) {
            out.accept("bench: incremental nightly over " + ratios.size() + " alternating pairs: " + spread(ratios) + " of the rebuild"
                    + (cpuRatios.size() == ratios.size() ? "; CPU " + spread(cpuRatios) : ""));
        }
        Spark.stop();
        rows.addAll(queries(run.resolve("out").resolve(NightlyJob.CUBES_FILE), queryRepeats));
        Path csv = run.resolve("bench.csv");
        List<String> lines = new ArrayList<>(List.of("scale,phase,stage,millis,rows,rows_per_s,spark_jobs,peak_rss_mb"));
        rows.forEach(r -> lines.add(r.csv(scale)));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        out.accept("bench: figures written to " + csv);
        return rows;
    }

    /**
     * The index of the last of the latest {@code n} consecutive extract dates holding only DELTA
     * drops, with at least one date before them (for the rebuild); -1 when there is none. A night
     * with a FULL drop replaces whole tables: it is not the one-drop DELTA night the bench measures.
     */
    static int lastDeltaNights(List<Boolean> deltaOnly, int n) {
        if (n <= 0) return deltaOnly.size() - 1;
        int run = 0;
        for (int i = deltaOnly.size() - 1; i >= 1; i--) {
            run = deltaOnly.get(i) ? run + 1 : 0;
            if (run == n) return i + n - 1;
        }
        return -1;
    }

    /** "median 71% (66-79%)" of fractions. */
    static String spread(List<Double> fractions) {
        List<Double> sorted = fractions.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format("median %.0f%% (%.0f-%.0f%%)", 100 * median, 100 * sorted.get(0), 100 * sorted.get(n - 1));
    }

    /** A nightly's wall time and CPU (0 when its log predates the CPU line). */
    record Night(long millis, long processCpuMillis, long taskCpuMillis) {}

    private Night nightly(Map<String, String> where, LocalDate until, String phase, List<Row> rows, Path run, boolean resume) {
        Map<String, Long> stages;
        long received, kpiRows, jobs, rss, cpu, tasks;
        Path log = run.resolve("nightly-" + phase + ".log");
        List<String> done = resume ? completedLog(log) : null;
        if (done != null) {
            out.accept("bench: " + phase + " (to " + until + ") already ran: its figures are read from " + log);
            ChildNightly.Result r = ChildNightly.parse(done, peakRssMbFromTimeOutput(done));
            stages = r.stageMillis();
            received = r.received();
            kpiRows = r.kpiRows();
            jobs = r.sparkJobs();
            rss = r.peakRssMb();
            cpu = r.processCpuMillis();
            tasks = r.taskCpuMillis();
        } else if (childArgs == null) {
            WarehouseConfig c = config.with("nightly.until", until.toString());
            for (Map.Entry<String, String> e : where.entrySet()) c = c.with(e.getKey(), e.getValue());
            NightlyJob.Summary s = new NightlyJob(c, m -> {}, Clock.systemUTC()).run();
            stages = s.stageMillis();
            received = s.staging() == null ? 0 : s.staging().entries().stream()
                    .filter(e -> e.status() == LedgerEntry.Status.APPLIED).mapToLong(LedgerEntry::received).sum();
            kpiRows = s.kpiRows();
            jobs = s.sparkJobs();
            rss = peakRssMb();
            // In this JVM the process's CPU includes the runs before; only the tasks' CPU is this night's.
            cpu = 0;
            tasks = s.cpu() == null ? 0 : s.cpu().taskMillis();
        } else {
            List<String> args = new ArrayList<>(childArgs);
            where.forEach((k, v) -> args.add("-D" + k + "=" + v));
            args.add("-Dnightly.until=" + until);
            args.add("nightly");
            ChildNightly.Result r = ChildNightly.run(args, log);
            stages = r.stageMillis();
            received = r.received();
            kpiRows = r.kpiRows();
            jobs = r.sparkJobs();
            rss = r.peakRssMb();
            cpu = r.processCpuMillis();
            tasks = r.taskCpuMillis();
        }
        long total = 0;
        for (Map.Entry<String, Long> e : stages.entrySet()) {
            if (e.getKey().equals("total")) continue;
            long n = e.getKey().equals("extract") ? received : e.getKey().startsWith("cubes") ? kpiRows : 0;
            rows.add(new Row(phase, e.getKey(), e.getValue(), n, 0, rss));
            total += e.getValue();
        }
        long t = stages.getOrDefault("total", total);
        rows.add(new Row(phase, "total", t, received, jobs, rss));
        // CPU milliseconds in the millis column, so the CSV keeps its columns.
        if (cpu > 0) rows.add(new Row(phase, "cpu:process", cpu, 0, 0, rss));
        if (tasks > 0) rows.add(new Row(phase, "cpu:spark_tasks", tasks, 0, 0, rss));
        out.accept(String.format("bench: %-14s %7.1f s  %,9d rows received  %4d Spark jobs  stages %s%s", phase, t / 1000.0, received,
                jobs, stages, cpu > 0 ? String.format("  CPU %.1f s (Spark tasks %.1f s)", cpu / 1000.0, tasks / 1000.0)
                        : tasks > 0 ? String.format("  Spark tasks' CPU %.1f s", tasks / 1000.0) : ""));
        return new Night(t, cpu, tasks);
    }

    /** The lines of a nightly's log when it ran to its "Done in" line; null when absent or unfinished. */
    static List<String> completedLog(Path log) {
        if (!Files.isRegularFile(log)) return null;
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Errors.io("read an earlier nightly's log to resume the bench", log, e);
        }
        return lines.stream().anyMatch(l -> l.startsWith("Done in ")) ? lines : null;
    }

    /** Peak RSS in MB from a log that GNU time ({@code time -v}) appended to; 0 when it has none. */
    static long peakRssMbFromTimeOutput(List<String> lines) {
        for (String l : lines) {
            String t = l.trim();
            if (t.startsWith("Maximum resident set size (kbytes):")) return Long.parseLong(t.substring(t.indexOf(':') + 1).trim()) / 1024;
        }
        return 0;
    }

    private List<Row> queries(Path cubes, int repeats) throws SQLException, IOException {
        List<Query> qs = loadQueries();
        List<Row> rows = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + cubes, p)) {
            for (Query q : qs) {
                long[] micros = new long[repeats];
                long n = 0;
                for (int i = 0; i <= repeats; i++) { // the first run warms up and is not counted
                    long t0 = System.nanoTime();
                    n = 0;
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q.sql())) {
                        while (rs.next()) n++;
                    }
                    if (i > 0) micros[i - 1] = (System.nanoTime() - t0) / 1000;
                }
                Arrays.sort(micros);
                for (long m : micros) all.add(m);
                rows.add(new Row("query", q.name() + ":p50_us", micros[micros.length / 2], n, 0, 0));
                rows.add(new Row("query", q.name() + ":p95_us", micros[(int) Math.ceil(micros.length * 0.95) - 1], n, 0, 0));
            }
        }
        all.sort(Comparator.naturalOrder());
        long p50 = all.get(all.size() / 2), p95 = all.get((int) Math.ceil(all.size() * 0.95) - 1);
        out.accept(String.format("bench: %d analyst queries x %d: p50 %.2f ms, p95 %.2f ms, max %.2f ms", qs.size(), repeats,
                p50 / 1000.0, p95 / 1000.0, all.get(all.size() - 1) / 1000.0));
        rows.add(new Row("query", "all:p50_us", p50, all.size(), 0, 0));
        rows.add(new Row("query", "all:p95_us", p95, all.size(), 0, 0));
        return rows;
    }

    public static List<Query> loadQueries() throws IOException {
        try (InputStream in = Benchmark.class.getClassLoader().getResourceAsStream("bench/queries.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Query> out = new ArrayList<>();
            String name = null;
            StringBuilder sql = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.startsWith("-- name:")) name = line.substring(8).trim();
                else if (!line.startsWith("--") && !line.isBlank()) sql.append(line).append('\n');
                if (line.trim().endsWith(";") && name != null) {
                    out.add(new Query(name, sql.toString().trim().replaceAll(";$", "")));
                    sql.setLength(0);
                    name = null;
                }
            }
            return out;
        }
    }

    /** Peak resident memory of this process (VmHWM), in MB; 0 where /proc is not available. */
    static long peakRssMb() {
        return peakRssMb(Path.of("/proc/self/status"));
    }

    /** Peak resident memory (VmHWM) from a /proc/PID/status file, in MB; 0 when it cannot be read (e.g. the process ended). */
    static long peakRssMb(Path status) {
        try {
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux: the figure is simply absent
        }
        return 0;
    }


    static Map<String, Long> summary(List<Row> rows) {
        Map<String, Long> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.phase() + "/" + r.stage(), r.millis()));
        return m;
    }
}
