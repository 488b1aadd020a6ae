package org.csc.etl.simulate;

import org.csc.warehouse.config.WarehouseConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Simulations shared by the tests of one JVM: each distinct options set runs once. The short
 * window (October 2015 to June 2016, go-live April 2016) has both systems, monthly Care First
 * drops, daily Liquid Logic deltas and a FULL, and takes a few seconds.
 */
final class SimulationFixture {
    static final LocalDate FROM = LocalDate.of(2015, 10, 1);
    static final LocalDate TO = LocalDate.of(2016, 6, 30);
    static final LocalDate GO_LIVE = LocalDate.of(2016, 4, 1);
    /** Higher than the default so that every defect class occurs in the short window. */
    static final double TEST_DEFECT_RATE = 0.05;

    private static final Map<String, Path> RUNS = new HashMap<>();
    private static final Map<String, SimulationSummary> SUMMARIES = new HashMap<>();
    private static Path root;

    private SimulationFixture() {}

    static WarehouseConfig config() {
        return WarehouseConfig.builder().env(Map.of()).build();
    }

    static SimulationOptions shortWindow(long seed) {
        return new SimulationOptions(Path.of("unused"), seed, FROM, TO, GO_LIVE, 1, 1, TEST_DEFECT_RATE);
    }

    static synchronized Path run(String name, SimulationOptions o) {
        return RUNS.computeIfAbsent(name, n -> {
            Path out = root().resolve(n);
            SUMMARIES.put(n, Simulator.run(o.withOut(out), config()));
            return out;
        });
    }

    static synchronized SimulationSummary summary(String name) { return SUMMARIES.get(name); }

    static Path shortRun() { return run("short-42", shortWindow(42)); }

    private static Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("csc-sim-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        }
        return root;
    }

    static void delete(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException ignored) {
            // temporary files only
        }
    }
}
