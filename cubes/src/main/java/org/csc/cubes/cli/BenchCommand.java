package org.csc.cubes.cli;

import org.csc.cubes.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: simulate at a scale (cached), full rebuild, incremental nightlies of one drop each, analyst queries.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--scale", defaultValue = "1", description = "Authority size multiplier (default ${DEFAULT-VALUE}).") int scale;
    @Option(names = "--delta-days", defaultValue = "3", description = "Incremental nightlies after the rebuild (default ${DEFAULT-VALUE}).") int deltaDays;
    @Option(names = "--repeats", defaultValue = "20", description = "Timed runs of each analyst query (default ${DEFAULT-VALUE}).") int repeats;

    @Override
    public Integer call() throws Exception {
        new Benchmark(parent.config(Map.of()), System.out::println).run(scale, deltaDays, repeats);
        return 0;
    }
}
