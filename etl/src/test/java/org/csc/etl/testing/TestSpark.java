package org.csc.etl.testing;

import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.spark.Spark;

import java.nio.file.Path;
import java.util.Map;

/**
 * The JVM's one Spark session for tests, with its scratch space under target/ rather than under a
 * test class's @TempDir: the session outlives the class that started it, and JUnit deletes a
 * class's temp dir when the class ends, taking the block manager's files with it.
 */
public final class TestSpark {
    private TestSpark() {}

    public static SparkSession session() {
        WarehouseConfig scratch = WarehouseConfig.builder().env(Map.of()).baseDir(Path.of("target", "test-spark").toAbsolutePath()).build();
        return Spark.session(scratch);
    }
}
