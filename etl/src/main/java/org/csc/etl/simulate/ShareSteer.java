package org.csc.etl.simulate;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps a yes/no share (e.g. conferences within 15 working days) near its target within each
 * financial year: the chance of "yes" leans against the year's share so far. With about a hundred
 * events a year, open-loop chance alone lands 10% off the published figure too often.
 */
final class ShareSteer {
    private final Map<Integer, int[]> byYear = new TreeMap<>();

    double probability(LocalDate d, double target) {
        int[] c = byYear.get(fy(d));
        if (c == null || c[1] < 10) return target;
        double share = (double) c[0] / c[1];
        return Math.min(1 - (1 - target) / 3, Math.max(target / 3, target + 3 * (target - share)));
    }

    void record(LocalDate d, boolean yes) {
        int[] c = byYear.computeIfAbsent(fy(d), k -> new int[2]);
        if (yes) c[0]++;
        c[1]++;
    }

    private static int fy(LocalDate d) { return d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1; }
}
