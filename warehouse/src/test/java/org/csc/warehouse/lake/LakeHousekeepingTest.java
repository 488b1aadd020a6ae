package org.csc.warehouse.lake;

import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.spark.Spark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LakeHousekeepingTest {
    @TempDir Path tmp;

    @Test
    void compactsTablesGrownByAppendsNotTablesRewrittenWholeAndKeepsOnlyCurrentFiles() {
        // Spark's scratch under target/, not the @TempDir: the session outlives this class.
        WarehouseConfig config = WarehouseConfig.builder().env(Map.of()).baseDir(Path.of("target", "test-spark").toAbsolutePath())
                .override("lake.compact.min.files", "3").override("lake.vacuum.retain.hours", "0")
                .override("housekeeping.spark.spark.databricks.delta.retentionDurationCheck.enabled", "false").build();
        SparkSession spark = Spark.session(config);
        Lake lake = new Lake(spark, tmp.resolve("lake"));
        for (int run = 0; run < 3; run++) lake.append("appended", spark.range(run * 10, run * 10 + 10).toDF());
        for (int run = 0; run < 2; run++) lake.overwrite("rewritten", spark.range(0, 30 + run).repartition(3).toDF());
        assertThat(lake.fileCount("appended")).isEqualTo(3);
        assertThat(lake.fileCount("rewritten")).isEqualTo(3);
        assertThat(LakeHousekeeping.dataBytes(lake.root())).isGreaterThan(lake.sizeOnDisk("appended") + lake.sizeOnDisk("rewritten"));

        LakeHousekeeping.Result r = LakeHousekeeping.vacuum(lake, config);

        assertThat(r.compacted()).containsExactly("appended");
        assertThat(lake.fileCount("appended")).isEqualTo(1);
        assertThat(lake.fileCount("rewritten")).isEqualTo(3);
        assertThat(lake.read("appended").count()).isEqualTo(30);
        assertThat(lake.read("rewritten").count()).isEqualTo(31);
        assertThat(r.bytesAfter()).isEqualTo(lake.sizeOnDisk("appended") + lake.sizeOnDisk("rewritten")).isLessThan(r.bytesBefore());
        assertThat(r.describe()).startsWith("removed ").contains("from 2 tables").contains("compacted appended");
    }
}
