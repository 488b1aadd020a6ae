package org.csc.cubes.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BenchmarkTest {
    private static final boolean F = false, D = true; // F: the date holds a FULL drop; D: DELTA drops only

    @Test
    void incrementalNightsAreTheLatestDeltaOnlyDates() {
        assertEquals(4, Benchmark.lastDeltaNights(List.of(F, D, D, D, D), 2));
        // A landing that ends with a FULL drop (weekly deltas, a periodic FULL): the nights before it.
        assertEquals(3, Benchmark.lastDeltaNights(List.of(F, D, D, D, F), 2));
        assertEquals(5, Benchmark.lastDeltaNights(List.of(F, D, D, F, D, D, F), 2));
        // They must be consecutive: one night applies one drop.
        assertEquals(2, Benchmark.lastDeltaNights(List.of(F, D, D, F, D, F), 2));
    }

    @Test
    void noRunOfDeltaNightsLongEnoughIsMinusOne() {
        assertEquals(-1, Benchmark.lastDeltaNights(List.of(F, D, F, D), 2));
        // the rebuild needs a date before the first incremental night
        assertEquals(-1, Benchmark.lastDeltaNights(List.of(D, D), 2));
    }

    @Test
    void noIncrementalNightsRebuildsToTheLastDate() {
        assertEquals(3, Benchmark.lastDeltaNights(List.of(F, D, D, F), 0));
    }

    @Test
    void resumeReadsOnlyANightlyLogThatRanToItsEnd(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("nightly-full.log");
        assertNull(Benchmark.completedLog(log));
        Files.write(log, List.of("nightly run-1: landing x", "[extract] 1 new drop(s): liquidlogic/2017-03-24"));
        assertNull(Benchmark.completedLog(log), "a night stopped during conform is not complete");
        Files.write(log, List.of("[cubes] 35 indicators, 2016-04 to 2017-03: 22526 kpi_values rows",
                "Spark jobs: 2158 {extract=750}", "Done in 3865.5 s {start=6356, extract=1156111, total=3865490}",
                "\tMaximum resident set size (kbytes): 14260000"));
        List<String> lines = Benchmark.completedLog(log);
        ChildNightly.Result r = ChildNightly.parse(lines, Benchmark.peakRssMbFromTimeOutput(lines));
        assertEquals(1156111L, r.stageMillis().get("extract"));
        assertEquals(22526L, r.kpiRows());
        assertEquals(2158L, r.sparkJobs());
        assertEquals(13925L, r.peakRssMb());
        assertEquals(0L, Benchmark.peakRssMbFromTimeOutput(List.of("Done in 1.0 s {total=1000}")));
    }

    @Test
    void pairsAreSummarisedByTheirMedianAndRange() {
        assertEquals("median 71% (66-79%)", Benchmark.spread(List.of(0.79, 0.66, 0.71)));
        assertEquals("median 74% (68-80%)", Benchmark.spread(List.of(0.80, 0.68)));
        assertEquals("median 50% (50-50%)", Benchmark.spread(List.of(0.5)));
    }
}
