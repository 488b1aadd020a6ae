package org.csc.cubes.kpi;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.Spark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Date;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nightly runs: late recording changes January after it was first published. */
class KpiRestatementTest {
    @TempDir Path tmp;

    static final StructType VALUES = new StructType().add("kpi_code", DataTypes.StringType).add("period_end", DataTypes.DateType)
            .add("period_type", DataTypes.StringType).add("basis", DataTypes.StringType).add("area", DataTypes.StringType)
            .add("team", DataTypes.StringType).add("numerator", DataTypes.DoubleType).add("denominator", DataTypes.DoubleType)
            .add("value", DataTypes.DoubleType).add("run_id", DataTypes.StringType);

    static Row v(String month, double num, double den, String run) {
        return RowFactory.create("icpc_15wd_pct", Date.valueOf(month), "MONTH", "MONTH", "All", "All", num, den,
                Math.round(num / den * 10000) / 100.0, run);
    }

    @Test
    void firstPublishedValueStandsBesideTheCurrentOne() {
        SparkSession spark = Spark.session(WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build());
        Lake lake = new Lake(spark, tmp.resolve("lake"));
        // Run 1 (2 Feb): January 8/10. Run 2 (2 Mar): two January conferences recorded late -> 9/12; February 5/5 new.
        KpiRestatement.record(lake, spark.createDataFrame(List.of(v("2016-01-31", 8, 10, "run-1")), VALUES), "run-1");
        var current = spark.createDataFrame(List.of(v("2016-01-31", 9, 12, "run-2"), v("2016-02-29", 5, 5, "run-2")), VALUES);
        KpiRestatement.record(lake, current, "run-2");
        Map<String, String> out = KpiRestatement.build(lake, current).collectAsList().stream().collect(Collectors.toMap(
                r -> r.getDate(r.fieldIndex("period_end")).toString(),
                r -> r.getString(r.fieldIndex("first_run_id")) + " " + r.getDouble(r.fieldIndex("first_value")) + " -> "
                        + r.getDouble(r.fieldIndex("value")) + " " + r.getBoolean(r.fieldIndex("restated")) + " " + r.getLong(r.fieldIndex("versions"))));
        // January: first 80% (run-1), now 75%, restated, 2 versions. February: first seen in run-2, unchanged.
        assertThat(out).containsEntry("2016-01-31", "run-1 80.0 -> 75.0 true 2").containsEntry("2016-02-29", "run-2 100.0 -> 100.0 false 1");
    }
}
