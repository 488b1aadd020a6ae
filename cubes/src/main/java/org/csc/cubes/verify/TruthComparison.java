package org.csc.cubes.verify;

import org.csc.warehouse.errors.Errors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Compares the published kpi_values (authority level, monthly periods) with the simulator's
 * ground truth (_truth/kpi_truth.csv, computed from the true events, not the drops): per indicator
 * and basis, how many months agree exactly on numerator and denominator and the largest gaps.
 */
public final class TruthComparison {
    public record Line(String kpi, String basis, long months, long exact, long missing, double maxNumeratorGap,
                       double maxDenominatorGap, String firstDifference) {
        public boolean allExact() { return months > 0 && exact == months; }
    }

    /** The truth file rounds FTE and days to 0.1; counts are whole, so this only forgives rounding. */
    static final String TOLERANCE = "0.051";

    private TruthComparison() {}

    public static List<Line> compare(Path cubes, Path truthDir) {
        Path truth = truthDir.resolve("kpi_truth.csv");
        if (!Files.exists(truth)) throw Errors.missingFile("Ground truth kpi_truth.csv", truth);
        if (!Files.exists(cubes)) throw Errors.missingFile("Published cubes", cubes);
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        String sql = """
                WITH t AS (SELECT kpi_code, CAST(period_end AS DATE) AS period_end, basis, CAST(numerator AS DOUBLE) AS numerator,
                                  CAST(denominator AS DOUBLE) AS denominator
                           FROM read_csv('%s', header = true, all_varchar = true, nullstr = '')),
                     v AS (SELECT kpi_code, period_end, basis, numerator, denominator FROM kpi_values
                           WHERE period_type = 'MONTH' AND area = 'All' AND team = 'All'),
                     j AS (SELECT t.*, v.numerator AS got_num, v.denominator AS got_den, v.kpi_code IS NULL AS is_missing,
                                  abs(coalesce(v.numerator, 0) - t.numerator) AS num_gap,
                                  abs(coalesce(v.denominator, 0) - coalesce(t.denominator, 0)) AS den_gap
                           FROM t LEFT JOIN v USING (kpi_code, period_end, basis))
                SELECT kpi_code, basis, count(*) AS months,
                       count(*) FILTER (WHERE NOT is_missing AND num_gap < %2$s AND (denominator IS NULL OR den_gap < %2$s)) AS exact,
                       count(*) FILTER (WHERE is_missing) AS missing,
                       coalesce(max(num_gap), 0) AS max_num_gap,
                       coalesce(max(den_gap) FILTER (WHERE denominator IS NOT NULL), 0) AS max_den_gap,
                       min(CASE WHEN is_missing OR num_gap >= %2$s OR (denominator IS NOT NULL AND den_gap >= %2$s)
                                THEN strftime(period_end, '%%Y-%%m') || ' truth ' || numerator || '/' || coalesce(denominator::VARCHAR, '-')
                                     || ' got ' || coalesce(got_num::VARCHAR, 'none') || '/' || coalesce(got_den::VARCHAR, '-') END) AS first_diff
                FROM j GROUP BY kpi_code, basis ORDER BY kpi_code, basis
                """.formatted(truth.toString().replace("'", "''"), TOLERANCE);
        List<Line> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + cubes, p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Line(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getDouble(6),
                        rs.getDouble(7), rs.getString(8)));
            }
        } catch (SQLException e) {
            throw Errors.of("Comparing the cubes with the ground truth failed.", e.getMessage(),
                    "Check that " + cubes + " was published by this version and that " + truth + " is the simulator's file.", e);
        }
        return out;
    }

    public static String format(List<Line> lines) {
        StringBuilder sb = new StringBuilder(String.format("%-34s %-6s %6s %6s %7s %10s %10s  %s%n", "kpi_code", "basis", "months",
                "exact", "missing", "max_num_gap", "max_den_gap", "first difference"));
        long exact = 0;
        for (Line l : lines) {
            sb.append(String.format("%-34s %-6s %6d %6d %7d %10.2f %10.2f  %s%n", l.kpi(), l.basis(), l.months(), l.exact(), l.missing(),
                    l.maxNumeratorGap(), l.maxDenominatorGap(), l.firstDifference() == null ? "" : l.firstDifference()));
            if (l.allExact()) exact++;
        }
        sb.append(exact).append(" of ").append(lines.size()).append(" indicator-bases equal the ground truth in every month\n");
        return sb.toString();
    }
}
