package org.csc.cubes.cli;

import org.csc.cubes.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: simulate at a scale (cached), full rebuild, incremental nightlies of one drop each, analyst queries.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--scale", defaultValue = "1", description = "Authority size multiplier (default ${DEFAULT-VALUE}).") int scale;
    @Option(names = "--delta-days", defaultValue = "3", description = "Incremental nightlies after the rebuild (default ${DEFAULT-VALUE}).") int deltaDays;
    @Option(names = "--repeats", defaultValue = "20", description = "Timed runs of each analyst query (default ${DEFAULT-VALUE}).") int repeats;
    @Option(names = "--fresh-jvm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run each nightly in a fresh JVM, as the scheduler does (default); --no-fresh-jvm runs them in this one,"
                    + " warm from the rebuild.") boolean freshJvm;

    @Option(names = "--pairs", defaultValue = "1", description = "Rebuild-and-nightlies pairs, run alternately from an empty lake each;"
            + " the median and range of their ratios are printed (default ${DEFAULT-VALUE}).") int pairs;

    @Option(names = "--resume", description = "Keep the run directory of an earlier bench at this scale; a nightly whose log there"
            + " is complete is not run again, its figures are read from the log (a scale-100 rebuild takes an hour).") boolean resume;

    @Override
    public Integer call() throws Exception {
        List<String> childArgs = null;
        if (freshJvm) {
            // The child reads the same configuration: this run's file and overrides (environment variables it inherits).
            childArgs = new ArrayList<>();
            if (parent.configFile != null) childArgs.add("--config=" + parent.configFile.toAbsolutePath());
            for (Map.Entry<String, String> e : parent.overrides.entrySet()) childArgs.add("-D" + e.getKey() + "=" + e.getValue());
        }
        new Benchmark(parent.config(Map.of()), System.out::println, childArgs).run(scale, deltaDays, repeats, resume, pairs);
        return 0;
    }
}
