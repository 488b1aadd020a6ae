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

/** The cube's sums of FTEs must not depend on the order rows arrive in. */
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
        Map<String, Object> exact = sums(spark, CubeBuilder.exactSum("fte"));
        Map<String, Object> naive = sums(spark, "sum(fte)");
        // Doubles added in arrival order differ in the last bit; the exact sum is 0.6 both ways.
        assertThat(naive.get("up")).isNotEqualTo(naive.get("down"));
        assertThat(exact).containsEntry("up", 0.6).containsEntry("down", 0.6);
        assertThat(exact.get("none")).isNull();
    }

    private static Map<String, Object> sums(SparkSession spark, String expr) {
        Map<String, Object> out = new java.util.HashMap<>();
        for (Row r : spark.sql("SELECT g, " + expr + " AS s FROM exact_sum_fixture GROUP BY g").collectAsList()) out.put(r.getString(0), r.get(1));
        return out;
    }
}
