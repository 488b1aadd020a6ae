package org.csc.cubes.kpi;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Year-end projection of each indicator (authority level) for the financial year of the latest
 * reported month, against that year's target. The method follows what the indicator measures:
 * <ul>
 *   <li>PRO_RATA: counts and rates that accumulate through the year (contacts, per-10k flows,
 *   sickness days per FTE): the year-to-date value x 12 / months elapsed (a full-year figure, so it
 *   is also compared with a target set on the R12 basis);</li>
 *   <li>YTD_RATE: percentages of events (and YTD cohorts): the year-to-date percentage is the
 *   projection (the best estimate of the year's proportion);</li>
 *   <li>LINEAR_TREND_6M: positions at a date: the least-squares line through the last six month-end
 *   values (three at least, else the latest value) extended to 31 March; percentages kept in 0..100,
 *   other values not below 0.</li>
 * </ul>
 */
public final class KpiForecast {
    public static final String TABLE = "kpi_forecast";

    private KpiForecast() {}

    public static String method(Kpi k) {
        if (k.kind() == Kpi.Kind.ASAT && !k.bases().contains(Kpi.Basis.YTD)) return "LINEAR_TREND_6M";
        if (k.unit() == Kpi.Unit.PERCENT) return "YTD_RATE";
        return "PRO_RATA";
    }

    /** values: kpi_values with target; the catalog view kpi_catalog_forecast(kpi_code, method, polarity, unit) must be registered. */
    public static Dataset<Row> build(SparkSession spark, Dataset<Row> values) {
        values.createOrReplaceTempView("kpi_forecast_values");
        return spark.sql("""
                WITH latest AS (SELECT max(period_end) AS as_of FROM kpi_forecast_values WHERE period_type = 'MONTH'),
                frame AS (
                  SELECT l.as_of, d.fin_year, date_sub(add_months(d.fin_year_start, 12), 1) AS year_end,
                         CAST(months_between(l.as_of, d.fin_year_start) + 1 AS INT) AS months_elapsed
                  FROM latest l JOIN dim_date d ON d.date = l.as_of),
                allrows AS (
                  SELECT v.* FROM kpi_forecast_values v WHERE v.period_type = 'MONTH' AND v.area = 'All' AND v.team = 'All'),
                ytd AS (
                  SELECT c.kpi_code, a.numerator, a.denominator, a.value
                  FROM kpi_catalog_forecast c CROSS JOIN frame f
                  JOIN allrows a ON a.kpi_code = c.kpi_code AND a.period_end = f.as_of AND a.basis = 'YTD'),
                trend AS (
                  SELECT a.kpi_code, count(a.value) AS points, regr_slope(a.value, months_between(a.period_end, f.as_of)) AS slope,
                         max_by(a.value, a.period_end) AS last_value
                  FROM allrows a CROSS JOIN frame f
                  WHERE a.basis = 'ASAT' AND a.period_end > add_months(f.as_of, -6) AND a.period_end <= f.as_of AND a.value IS NOT NULL
                  GROUP BY a.kpi_code),
                projected AS (
                  SELECT c.kpi_code, c.method, c.polarity, c.unit, c.basis AS target_basis, f.fin_year, f.as_of, f.year_end, f.months_elapsed,
                         CASE WHEN c.method = 'LINEAR_TREND_6M' THEN t.last_value ELSE y.value END AS current_value,
                         CASE WHEN c.method = 'PRO_RATA' THEN round(y.value * 12 / f.months_elapsed, 2)
                              WHEN c.method = 'YTD_RATE' THEN y.value
                              WHEN t.points >= 3 THEN round(t.last_value + t.slope * months_between(f.year_end, f.as_of), 2)
                              ELSE t.last_value END AS raw_projection,
                         t.points AS trend_points
                  FROM kpi_catalog_forecast c CROSS JOIN frame f
                  LEFT JOIN ytd y ON y.kpi_code = c.kpi_code
                  LEFT JOIN trend t ON t.kpi_code = c.kpi_code)
                SELECT p.kpi_code, p.fin_year, p.as_of, p.year_end, p.months_elapsed, p.method, p.current_value,
                       CASE WHEN p.raw_projection IS NULL THEN NULL
                            WHEN p.unit = 'PERCENT' THEN least(100D, greatest(0D, p.raw_projection))
                            ELSE greatest(0D, p.raw_projection) END AS projected_value,
                       t.target,
                       CASE WHEN p.raw_projection IS NULL OR t.target IS NULL OR p.polarity = 'NONE' THEN NULL
                            WHEN p.polarity = 'HIGH' AND p.raw_projection >= t.target THEN 'GREEN'
                            WHEN p.polarity = 'HIGH' AND p.raw_projection >= t.target - t.amber_tolerance THEN 'AMBER'
                            WHEN p.polarity = 'LOW' AND p.raw_projection <= t.target THEN 'GREEN'
                            WHEN p.polarity = 'LOW' AND p.raw_projection <= t.target + t.amber_tolerance THEN 'AMBER'
                            ELSE 'RED' END AS projected_rag
                FROM projected p
                LEFT JOIN kpi_targets t ON t.kpi_code = p.kpi_code AND t.fin_year = p.fin_year
                 AND (t.basis IS NULL OR t.basis = p.target_basis OR (t.basis = 'R12' AND p.method = 'PRO_RATA'))
                """);
    }
}
