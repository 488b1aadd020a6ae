package org.csc.cubes.kpi;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.lake.Lake;

import static org.apache.spark.sql.functions.lit;

/**
 * Late recording restates the past: a month first published at 80% may read 76% a month later.
 * Each run appends to the Delta table kpi_values_history only the kpi_values rows that are new
 * or whose numerator or denominator changed since the last recorded version, stamped with the
 * run id (history stays small: one row per change, not per night). kpi_restatement sets each
 * value as first published beside its current value.
 */
public final class KpiRestatement {
    public static final String HISTORY = "kpi_values_history";
    public static final String TABLE = "kpi_restatement";
    private static final String KEY = "kpi_code, period_end, period_type, basis, area, team";

    private KpiRestatement() {}

    /** Records this run's changes; the current values must already be in the lake's kpi_values. */
    public static void record(Lake lake, Dataset<Row> current, String runId) {
        SparkSession spark = lake.spark();
        Dataset<Row> stamped = current.select("kpi_code", "period_end", "period_type", "basis", "area", "team",
                "numerator", "denominator", "value").withColumn("run_id", lit(runId));
        if (!lake.exists(HISTORY)) {
            lake.overwrite(HISTORY, stamped);
            return;
        }
        lake.read(HISTORY).createOrReplaceTempView("kpi_h_history");
        stamped.createOrReplaceTempView("kpi_h_current");
        Dataset<Row> changed = spark.sql("""
                WITH latest AS (
                  SELECT * FROM (SELECT h.*, row_number() OVER (PARTITION BY %s ORDER BY run_id DESC) AS rn FROM kpi_h_history h)
                  WHERE rn = 1)
                SELECT c.* FROM kpi_h_current c
                LEFT ANTI JOIN latest l ON l.kpi_code = c.kpi_code AND l.period_end = c.period_end AND l.period_type = c.period_type
                  AND l.basis = c.basis AND l.area = c.area AND l.team = c.team
                  AND l.numerator <=> c.numerator AND l.denominator <=> c.denominator
                """.formatted(KEY));
        lake.append(HISTORY, changed);
    }

    /** First published vs current, for every row of the current values. */
    public static Dataset<Row> build(Lake lake, Dataset<Row> current) {
        SparkSession spark = lake.spark();
        lake.read(HISTORY).createOrReplaceTempView("kpi_h_history");
        current.createOrReplaceTempView("kpi_h_values");
        return spark.sql("""
                WITH ranked AS (
                  SELECT h.*, row_number() OVER (PARTITION BY %s ORDER BY run_id) AS first_rn,
                         count(*) OVER (PARTITION BY %s) AS versions
                  FROM kpi_h_history h)
                SELECT v.kpi_code, v.period_end, v.period_type, v.basis, v.area, v.team,
                       f.run_id AS first_run_id, f.numerator AS first_numerator, f.denominator AS first_denominator,
                       f.value AS first_value, v.run_id AS current_run_id, v.numerator, v.denominator, v.value,
                       round(v.value - f.value, 2) AS change,
                       NOT (f.numerator <=> v.numerator AND f.denominator <=> v.denominator) AS restated,
                       f.versions
                FROM kpi_h_values v
                JOIN ranked f ON f.first_rn = 1 AND f.kpi_code = v.kpi_code AND f.period_end = v.period_end
                 AND f.period_type = v.period_type AND f.basis = v.basis AND f.area = v.area AND f.team = v.team
                """.formatted(KEY, KEY));
    }
}
