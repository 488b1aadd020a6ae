package org.csc.warehouse.lake;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.spark.Spark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LakeReadTest {
    @TempDir Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void session() {
        // Spark's scratch under target/, not the @TempDir: the session outlives this class.
        spark = Spark.session(WarehouseConfig.builder().env(Map.of()).baseDir(Path.of("target", "test-spark").toAbsolutePath()).build());
    }

    @Test
    void readsTheCurrentVersionFromItsChecksumWithoutASparkJobWhenAQueryIsPlanned() {
        Lake lake = new Lake(spark, tmp.resolve("lake"));
        lake.overwrite("t", spark.sql("SELECT id, CAST(id AS STRING) AS label FROM range(3)"));
        // A commit that changes the schema gets a checksum without the file list: read through Delta.
        lake.overwrite("t", spark.sql("SELECT id, id * 10 AS tens, DATE'2017-03-31' AS as_at FROM range(0, 2)"));
        assertThat(lake.read("t").columns()).containsExactly("id", "tens", "as_at");
        assertThat(sorted(lake.read("t"))).containsExactly("[0,0,2017-03-31]", "[1,10,2017-03-31]");
        lake.overwrite("t", spark.sql("SELECT id, id * 10 AS tens, DATE'2017-03-31' AS as_at FROM range(5, 9)").repartition(2));

        Dataset<Row> fromChecksum = lake.read("t");
        assertThat(sorted(fromChecksum)).isEqualTo(sorted(lake.readThroughDelta("t")))
                .containsExactly("[5,50,2017-03-31]", "[6,60,2017-03-31]", "[7,70,2017-03-31]", "[8,80,2017-03-31]");
        assertThat(jobsToPlan(fromChecksum)).isZero();
        assertThat(jobsToPlan(lake.readThroughDelta("t"))).isPositive();

        lake.overwrite("t", spark.sql("SELECT id, id * 10 AS tens, DATE'2017-03-31' AS as_at FROM range(0)"));
        assertThat(lake.read("t").columns()).containsExactly("id", "tens", "as_at");
        assertThat(lake.read("t").count()).isZero();
        assertThat(jobsToPlan(lake.read("t"))).isZero();
    }

    @Test
    void readsThroughDeltaWhenTheListedFilesAreNotTheWholeTable() throws Exception {
        Lake lake = new Lake(spark, tmp.resolve("lake"));
        // Deletion vectors: the listed files still hold the deleted rows.
        spark.sql("CREATE TABLE delta.`" + lake.path("dv") + "` (id BIGINT) USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        lake.append("dv", spark.range(10).toDF());
        lake.delta("dv").delete("id < 4");
        assertThat(lake.read("dv").count()).isEqualTo(6);

        // Partition values live in the directory names, not in the files.
        spark.range(6).selectExpr("id", "id % 2 AS odd").write().format("delta").partitionBy("odd").save(lake.path("parts"));
        assertThat(sorted(lake.read("parts"))).containsExactly("[0,0]", "[1,1]", "[2,0]", "[3,1]", "[4,0]", "[5,1]");

        // No checksum for the latest commit (Delta writes it after the commit, best effort).
        lake.overwrite("nocrc", spark.range(4).toDF());
        lake.append("nocrc", spark.range(4, 7).toDF());
        Files.delete(tmp.resolve("lake/nocrc/_delta_log").resolve(String.format("%020d.crc", lake.version("nocrc"))));
        assertThat(lake.read("nocrc").count()).isEqualTo(7);
        assertThat(jobsToPlan(lake.read("nocrc"))).isPositive();
    }

    @Test
    void canBeSwitchedOffByConfiguration() {
        Lake lake = new Lake(spark, tmp.resolve("lake"), false);
        lake.overwrite("t", spark.range(3).toDF());
        assertThat(lake.read("t").count()).isEqualTo(3);
        assertThat(jobsToPlan(lake.read("t"))).isPositive();
    }

    /** Spark jobs run while the query over the frame is planned (Delta's reader lists its files then). */
    private static int jobsToPlan(Dataset<Row> ds) {
        String group = UUID.randomUUID().toString();

        spark.sparkContext().setJobGroup(group, "plan", false);
        try {
            ds.where("id >= 0").queryExecution().executedPlan();
        } finally {
            spark.sparkContext().clearJobGroup();
        }
        return spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
    }

    private static List<String> sorted(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
