package org.csc.cubes.bench;

import org.csc.cubes.cli.Csc;
import org.csc.cubes.nightly.NightlyJob;
import org.csc.warehouse.errors.Errors;
import org.csc.warehouse.spark.CpuUse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One nightly run in a fresh JVM, as the scheduler starts it: the same java, JVM options and class
 * path as this process. A nightly run inside the benchmark's own JVM finds Delta's snapshots and
 * the JIT warm from the rebuild before it, and measured 20-25% faster than the same night started
 * fresh, so the bench's default is this.
 */
final class ChildNightly {
    /** {@code processCpuMillis} and {@code taskCpuMillis} are 0 for a log from before nightlies printed them. */
    record Result(Map<String, Long> stageMillis, long received, long kpiRows, long sparkJobs, long peakRssMb,
                  long processCpuMillis, long taskCpuMillis) {}

    private static final Pattern DONE = Pattern.compile("^Done in [0-9.]+ s \\{(.*)}$");
    private static final Pattern KPI_ROWS = Pattern.compile("^\\[cubes] .*: (\\d+) kpi_values rows$");
    private static final Pattern FILE_COUNTS = Pattern.compile("^\\s+\\S+\\s+(\\d+)\\s+\\d+\\s+\\d+$");
    private static final String FILE_HEADER = "file (all drops this run)";

    private ChildNightly() {}

    /** The command line: this JVM's java, options and class path, then csc with {@code cscArgs}. */
    static List<String> command(List<String> cscArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Csc.class.getName());
        cmd.addAll(cscArgs);
        return cmd;
    }

    /** Runs csc with {@code cscArgs} in a child JVM, its output into {@code log}; fails when the child does. */
    static Result run(List<String> cscArgs, Path log) {
        List<String> cmd = command(cscArgs);
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AtomicLong peak = new AtomicLong();
            Thread watch = new Thread(() -> {
                Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
                while (p.isAlive()) {
                    peak.accumulateAndGet(Benchmark.peakRssMb(status), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-rss");
            watch.setDaemon(true);
            watch.start();
            int code = p.waitFor();
            watch.interrupt();
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (code != 0 && code != NightlyJob.EXIT_ATTENTION) {
                throw Errors.of("A benchmark nightly failed in its child process (exit code " + code + ").",
                        lines.isEmpty() ? "It printed nothing." : "Its last line: " + lines.get(lines.size() - 1),
                        "Read " + log + ", fix the cause and run the bench again (or pass --no-fresh-jvm to run in this process).");
            }
            return parse(lines, peak.get());
        } catch (IOException e) {
            throw Errors.io("start a benchmark nightly in a child JVM", log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.of("The benchmark was interrupted.", "A child nightly was running.", "Run the bench again.", e);
        }
    }

    /** Reads the figures a nightly prints: stage timings, rows received per file, kpi_values rows, Spark jobs, CPU. */
    static Result parse(List<String> lines, long peakRssMb) {
        Map<String, Long> stages = new LinkedHashMap<>();
        long received = 0, kpiRows = 0, jobs = 0;
        long[] cpu = {0, 0};
        boolean inCounts = false;
        for (String line : lines) {
            Matcher m;
            if (line.trim().startsWith(FILE_HEADER)) {
                inCounts = true;
            } else if (inCounts && (m = FILE_COUNTS.matcher(line)).matches()) {
                received += Long.parseLong(m.group(1));
            } else {
                inCounts = false;
            }
            if ((m = KPI_ROWS.matcher(line)).matches()) kpiRows = Long.parseLong(m.group(1));
            if (line.startsWith(NightlyJob.SPARK_JOBS)) jobs = Long.parseLong(line.substring(NightlyJob.SPARK_JOBS.length()).trim().split(" ")[0]);
            long[] c = CpuUse.parse(line);
            if (c != null) cpu = c;
            if ((m = DONE.matcher(line)).matches()) {
                for (String kv : m.group(1).split(",\\s*")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) stages.put(kv.substring(0, eq).trim(), Long.parseLong(kv.substring(eq + 1).trim()));
                }
            }
        }
        if (stages.isEmpty()) {
            throw Errors.of("A benchmark nightly printed no \"Done in\" line.", "The child process ended without finishing its run.",
                    "Read the nightly's log in the bench run directory. A night stopped after its extract has applied its drop,"
                            + " so it cannot be resumed: run the bench again without --resume.");
        }
        return new Result(stages, received, kpiRows, jobs, peakRssMb, cpu[0], cpu[1]);
    }
}
