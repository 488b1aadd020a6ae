package org.csc.cubes.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
