package org.csc.cubes.kpi;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.spark.Spark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cube's sums of FTEs must not depend on the order rows arrive in, nor on summing by day first. */
class ExactSumTest {
    @TempDir Path tmp;

    @Test
    void aSumOfFtesIsTheSameInAnyOrder() {
        SparkSession spark = Spark.session(WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build());
        StructType schema = new StructType().add("g", DataTypes.StringType).add("fte", DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create("up", 0.1), RowFactory.create("up", 0.2), RowFactory.create("up", 0.3),
                RowFactory.create("down", 0.3), RowFactory.create("down", 0.2), RowFactory.create("down", 0.1),
                RowFactory.create("none", null));
        spark.createDataFrame(rows, schema).coalesce(1).createOrReplaceTempView("exact_sum_fixture");
        Map<String, Object> exact = sums(spark, "SELECT g, " + CubeBuilder.micros("fte") + " / 1000000D AS s FROM exact_sum_fixture GROUP BY g");
        Map<String, Object> naive = sums(spark, "SELECT g, sum(fte) AS s FROM exact_sum_fixture GROUP BY g");
        // Doubles added in arrival order differ in the last bit; the exact sum is 0.6 both ways.
        assertThat(naive.get("up")).isNotEqualTo(naive.get("down"));
        assertThat(exact).containsEntry("up", 0.6).containsEntry("down", 0.6);
        assertThat(exact.get("none")).isNull();
    }

    @Test
    void partialSumsAddUpToTheSameTotal() {
        SparkSession spark = Spark.session(WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build());
        StructType schema = new StructType().add("g", DataTypes.StringType).add("day", DataTypes.IntegerType).add("fte", DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create("x", 1, 0.1), RowFactory.create("x", 2, 0.2), RowFactory.create("x", 2, 0.3),
                RowFactory.create("x", 3, 0.7), RowFactory.create("x", 3, null));
        spark.createDataFrame(rows, schema).coalesce(1).createOrReplaceTempView("exact_sum_days");
        // As the cube does it: millionths summed by day, then the days' sums added for the period.
        Map<String, Object> byDay = sums(spark, "SELECT g, sum(u) / 1000000D AS s FROM (SELECT g, day, "
                + CubeBuilder.micros("fte") + " AS u FROM exact_sum_days GROUP BY g, day) GROUP BY g");
        assertThat(byDay).containsEntry("x", 1.3);
    }

    private static Map<String, Object> sums(SparkSession spark, String sql) {
        Map<String, Object> out = new java.util.HashMap<>();
        for (Row r : spark.sql(sql).collectAsList()) out.put(r.getString(0), r.get(1));
        return out;
    }
}
