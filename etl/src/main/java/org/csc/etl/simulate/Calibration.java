package org.csc.etl.simulate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simulated versus published figures, read back from {@code _truth/kpi_truth.csv} so that a
 * command can print it for any earlier run. Targets are the Darlington rows of
 * reference/benchmarks.csv and the seed report's figures (KPI_DEFINITIONS.md, last section).
 */
public final class Calibration {
    public static final double TOLERANCE = 0.15;

    /** How a target's simulated value is read from the truth. */
    private enum Read { RATE_10K, PCT, PER_MONTH }

    private record Target(String indicator, String year, LocalDate periodEnd, String kpi, String basis, Read read,
                          double months, double target, String source) {}

    public record Result(String indicator, String year, LocalDate periodEnd, double target, Double simulated, String source) {
        public boolean available() { return simulated != null; }
        public double relativeDifference() { return (simulated - target) / target; }
        public boolean within() { return available() && Math.abs(relativeDifference()) <= TOLERANCE; }
    }

    private static final List<Target> TARGETS = List.of(
            new Target("contacts per month", "2014-15", d(2015, 3, 31), "contacts", "YTD", Read.PER_MONTH, 12, 517, "seed report"),
            new Target("contacts per month", "2015-16", d(2015, 12, 31), "contacts", "YTD", Read.PER_MONTH, 9, 517, "seed report (Apr-Dec)"),
            new Target("referrals per 10k", "2014-15", d(2015, 3, 31), "referrals_per_10k", "YTD", Read.RATE_10K, 0, 665.4, "benchmarks.csv"),
            new Target("referrals per 10k", "2015-16", d(2016, 3, 31), "referrals_per_10k", "YTD", Read.RATE_10K, 0, 908, "benchmarks.csv"),
            new Target("re-referrals 12m %", "2014-15", d(2015, 3, 31), "rereferrals_12m_pct", "YTD", Read.PCT, 0, 16.5, "benchmarks.csv"),
            new Target("re-referrals 12m %", "2015-16", d(2016, 3, 31), "rereferrals_12m_pct", "YTD", Read.PCT, 0, 22.3, "benchmarks.csv"),
            new Target("assessments in 45 WD %", "2014-15", d(2015, 3, 31), "assessments_45wd_pct", "YTD", Read.PCT, 0, 81.6, "benchmarks.csv"),
            new Target("assessments in 45 WD %", "2015-16", d(2016, 3, 31), "assessments_45wd_pct", "YTD", Read.PCT, 0, 89.1, "benchmarks.csv"),
            new Target("ICPC in 15 WD %", "2014-15", d(2015, 3, 31), "icpc_15wd_pct", "YTD", Read.PCT, 0, 83.8, "benchmarks.csv"),
            new Target("ICPC in 15 WD %", "2015-16", d(2015, 12, 31), "icpc_15wd_pct", "YTD", Read.PCT, 0, 82.6, "seed report (system, Apr-Dec)"),
            new Target("ICPC in 15 WD %", "2015-16", d(2016, 3, 31), "icpc_15wd_pct", "YTD", Read.PCT, 0, 81.1, "benchmarks.csv"),
            new Target("CP plans per 10k", "2014-15", d(2015, 3, 31), "cpp_per_10k", "ASAT", Read.RATE_10K, 0, 37.9, "benchmarks.csv (31 March)"),
            new Target("CP plans per 10k", "2015-16", d(2016, 3, 31), "cpp_per_10k", "ASAT", Read.RATE_10K, 0, 58, "benchmarks.csv (31 March)"),
            new Target("looked after per 10k", "2014-15", d(2015, 3, 31), "cla_per_10k", "ASAT", Read.RATE_10K, 0, 88, "benchmarks.csv (31 March)"),
            new Target("looked after per 10k", "2015-16", d(2015, 12, 31), "cla_per_10k", "ASAT", Read.RATE_10K, 0, 81.9, "seed report (December)"),
            new Target("looked after per 10k", "2015-16", d(2016, 3, 31), "cla_per_10k", "ASAT", Read.RATE_10K, 0, 90, "benchmarks.csv (31 March)"),
            new Target("3+ placements %", "2015-16", d(2015, 12, 31), "cla_3plus_placements_pct", "ASAT", Read.PCT, 0, 12.37, "seed report (December)"),
            new Target("3+ placements %", "2015-16", d(2016, 3, 31), "cla_3plus_placements_pct", "ASAT", Read.PCT, 0, 11, "benchmarks.csv (31 March)"),
            new Target("CAFs opened per month", "2015-16", d(2015, 12, 31), "cafs_opened", "YTD", Read.PER_MONTH, 9, 444 / 9.0, "seed report (444 Apr-Dec)"));

    private Calibration() {}

    private static LocalDate d(int y, int m, int day) { return LocalDate.of(y, m, day); }

    public static List<Result> results(Path truthDir) {
        Map<String, double[]> truth = read(truthDir.resolve("kpi_truth.csv"));
        double scale = scale(truthDir);
        List<Result> out = new ArrayList<>();
        for (Target t : TARGETS) {
            double[] v = truth.get(t.kpi() + "|" + t.periodEnd() + "|" + t.basis());
            Double simulated = null;
            if (v != null) {
                simulated = switch (t.read()) {
                    case PER_MONTH -> v[0] / t.months() / scale; // counts grow with --scale, rates do not
                    case PCT -> v[1] == 0 ? 0 : 100 * v[0] / v[1];
                    case RATE_10K -> v[1] == 0 ? 0 : 10_000 * v[0] / v[1];
                };
            }
            out.add(new Result(t.indicator(), t.year(), t.periodEnd(), t.target(), simulated, t.source()));
        }
        return out;
    }

    public static String table(Path truthDir) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-24s %-8s %-10s %9s %9s %8s  %-6s %s%n", "indicator", "year", "as at", "target",
                "simulated", "diff", "+-15%", "target source"));
        for (Result r : results(truthDir)) {
            if (!r.available()) {
                s.append(String.format(Locale.ROOT, "%-24s %-8s %-10s %9.1f %9s %8s  %-6s %s%n", r.indicator(), r.year(), r.periodEnd(),
                        r.target(), "-", "-", "n/a", r.source() + " (outside the simulated window)"));
            } else {
                s.append(String.format(Locale.ROOT, "%-24s %-8s %-10s %9.1f %9.1f %+7.1f%%  %-6s %s%n", r.indicator(), r.year(), r.periodEnd(),
                        r.target(), r.simulated(), 100 * r.relativeDifference(), r.within() ? "ok" : "OUT", r.source()));
            }
        }
        return s.toString();
    }

    /** Counts are compared per unit of scale; a truth without scenario.csv is scale 1. */
    private static double scale(Path truthDir) {
        Path f = truthDir.resolve("scenario.csv");
        if (!Files.isReadable(f)) return 1;
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.startsWith("scale,")) return Double.parseDouble(line.substring(6).trim());
            }
        } catch (IOException | NumberFormatException e) {
            return 1;
        }
        return 1;
    }

    private static Map<String, double[]> read(Path file) {
        Map<String, double[]> m = new HashMap<>();
        if (!Files.isReadable(file)) throw Errors.missingFile("Ground truth kpi_truth.csv", file);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String den = rec.get("denominator");
                m.put(rec.get("kpi_code") + "|" + rec.get("period_end") + "|" + rec.get("basis"),
                        new double[]{Double.parseDouble(rec.get("numerator")), den.isEmpty() ? Double.NaN : Double.parseDouble(den)});
            }
        } catch (IOException e) {
            throw Errors.io("read the ground truth", file, e);
        }
        return m;
    }
}
