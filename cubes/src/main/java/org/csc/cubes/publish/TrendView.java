package org.csc.cubes.publish;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The kpi_trend view in cubes.duckdb (DuckDB SQL, so it always reads the published kpi_values):
 * each value beside the previous period (month, quarter or year before), the same period last
 * year, the changes, whether each change is better or worse by the indicator's polarity, the gap
 * to target and one gap_to_&lt;comparator&gt; column per benchmark comparator. A benchmark is the
 * comparator's value for the same financial year, or its latest earlier one.
 */
final class TrendView {
    private TrendView() {}

    static String sql(List<String> comparators) {
        String pivot = comparators.stream().map(c -> "max(value) FILTER (WHERE comparator = '%1$s') AS benchmark_%1$s".formatted(c))
                .collect(Collectors.joining(",\n                         "));
        String gaps = comparators.stream().map(c -> "b.benchmark_%1$s, round(v.value - b.benchmark_%1$s, 2) AS gap_to_%1$s".formatted(c))
                .collect(Collectors.joining(",\n                       "));
        return """
                CREATE VIEW kpi_trend AS
                WITH v AS (
                  SELECT v.*, c.polarity,
                         CASE v.period_type WHEN 'MONTH' THEN 1 WHEN 'QUARTER' THEN 3 ELSE 12 END AS step
                  FROM kpi_values v JOIN kpi_catalog c USING (kpi_code)),
                -- each comparator's value for the financial year, or its latest earlier one
                latest AS (
                  SELECT y.kpi_code, y.fin_year, b.comparator, arg_max(b.value, b.financial_year) AS value
                  FROM (SELECT DISTINCT kpi_code, fin_year FROM kpi_values) y
                  JOIN kpi_benchmarks b ON b.kpi_code = y.kpi_code AND b.financial_year <= y.fin_year
                  GROUP BY y.kpi_code, y.fin_year, b.comparator),
                b AS (
                  SELECT kpi_code, fin_year,
                         %s
                  FROM latest GROUP BY kpi_code, fin_year)
                SELECT v.kpi_code, v.period_end, v.period_type, v.basis, v.area, v.team, v.fin_year, v.polarity,
                       v.numerator, v.denominator, v.value, v.target, v.rag,
                       p.period_end AS previous_period_end, p.value AS previous_value,
                       round(v.value - p.value, 2) AS change_from_previous,
                       CASE WHEN v.polarity = 'NONE' OR v.value IS NULL OR p.value IS NULL THEN NULL
                            WHEN v.value = p.value THEN 'SAME'
                            WHEN (v.value > p.value) = (v.polarity = 'HIGH') THEN 'BETTER' ELSE 'WORSE' END AS vs_previous,
                       y.value AS last_year_value,
                       round(v.value - y.value, 2) AS change_from_last_year,
                       CASE WHEN v.polarity = 'NONE' OR v.value IS NULL OR y.value IS NULL THEN NULL
                            WHEN v.value = y.value THEN 'SAME'
                            WHEN (v.value > y.value) = (v.polarity = 'HIGH') THEN 'BETTER' ELSE 'WORSE' END AS vs_last_year,
                       round(v.value - v.target, 2) AS gap_to_target,
                       %s
                FROM v
                LEFT JOIN kpi_values p ON p.kpi_code = v.kpi_code AND p.period_type = v.period_type AND p.basis = v.basis
                 AND p.area = v.area AND p.team = v.team AND p.period_end = last_day(v.period_end - to_months(v.step))
                LEFT JOIN kpi_values y ON y.kpi_code = v.kpi_code AND y.period_type = v.period_type AND y.basis = v.basis
                 AND y.area = v.area AND y.team = v.team AND y.period_end = last_day(v.period_end - INTERVAL 12 MONTH)
                LEFT JOIN b ON b.kpi_code = v.kpi_code AND b.fin_year = v.fin_year
                """.formatted(pivot, gaps);
    }
}
