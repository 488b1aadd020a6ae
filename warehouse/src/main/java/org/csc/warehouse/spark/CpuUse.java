package org.csc.warehouse.spark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run's CPU went: the whole process (since the JVM started), the Spark tasks (by stage),
 * the JIT compiler and garbage collection. On this shared machine wall time varies by up to 2x
 * within an hour, and the split says whether a change saved work in the tasks, over all the rows,
 * or around them (planning, compiling, collecting), which a rebuild and a nightly pay alike.
 *
 * @param compilerMillis CPU of the JIT compiler's threads (on Linux; elsewhere the JVM's compiling time)
 * @param gcMillis       CPU of the collector's threads (on Linux; elsewhere the JVM's collection time)
 */
public record CpuUse(long processMillis, long taskMillis, Map<String, Long> taskMillisByStage, long compilerMillis, long gcMillis) {
    /** How the line a nightly prints starts (a benchmark running it in a child process reads it). */
    public static final String LINE = "CPU: ";

    private static final Pattern PARSE = Pattern.compile("^" + LINE + "([0-9.]+) s in the process; Spark tasks ([0-9.]+) s.*");

    /** This process's CPU so far, with the tasks' CPU and its split by stage as counted by the caller. */
    public static CpuUse now(long taskMillis, Map<String, Long> taskMillisByStage) {
        Map<String, Long> threads = threadCpuMillis();
        long jit, gc;
        if (!threads.isEmpty()) {
            jit = threads.getOrDefault(COMPILER, 0L);
            gc = threads.getOrDefault(GC, 0L);
        } else {
            // Elsewhere the JVM's own figures: time spent compiling and collecting, elapsed rather than CPU.
            gc = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) gc += Math.max(0, b.getCollectionTime());
            var compiler = ManagementFactory.getCompilationMXBean();
            jit = compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
        }
        return new CpuUse(processCpuMillis(), taskMillis, new LinkedHashMap<>(taskMillisByStage), jit, gc);
    }

    private static final String COMPILER = "compiler";
    private static final String GC = "gc";

    /**
     * CPU of the JIT compiler's and the collector's threads, from Linux's per-thread counters: the JVM
     * hides those threads from its thread bean, and its compiling time is elapsed time, which on two busy
     * cores counts the compiler's waiting too. Empty where /proc is not there.
     */
    static Map<String, Long> threadCpuMillis() {
        Map<String, Long> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended while listed
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String kind = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? COMPILER
                        : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? GC : null;
                if (kind == null) continue;
                // After the command: state, ppid, pgrp, session, tty, tpgid, flags, 4 fault counts, utime, stime (in 1/100 s).
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.merge(kind, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /** CPU (user and system) of this JVM since it started, in milliseconds; 0 where the platform does not say. */
    public static long processCpuMillis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime()) / 1_000_000;
        }
        return 0;
    }

    public String line() {
        StringBuilder stages = new StringBuilder();
        taskMillisByStage.forEach((k, v) -> stages.append(stages.isEmpty() ? "" : ", ").append(k).append('=').append(seconds(v)));
        return LINE + seconds(processMillis) + " s in the process; Spark tasks " + seconds(taskMillis) + " s {" + stages + "}, JIT compiler "
                + seconds(compilerMillis) + " s, garbage collection " + seconds(gcMillis) + " s";
    }

    /** The process and task CPU in milliseconds from a line {@link #line()} printed; null when it is not one. */
    public static long[] parse(String line) {
        Matcher m = PARSE.matcher(line);
        if (!m.matches()) return null;
        return new long[]{Math.round(Double.parseDouble(m.group(1)) * 1000), Math.round(Double.parseDouble(m.group(2)) * 1000)};
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
