package org.csc.warehouse.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.config.WarehouseConfig;

import java.nio.file.Path;
import java.util.Map;

/**
 * One SparkSession per JVM: every stage and every test shares it, because starting Spark costs
 * seconds and table work here is small. All of Spark's scratch space lives under the output dir.
 */
public final class Spark {
    private static SparkSession session;

    private Spark() {}

    public static synchronized SparkSession session(WarehouseConfig config) {
        if (session != null && !session.sparkContext().isStopped()) return session;
        Path out = config.path("out.dir");
        Path scratch = out.resolve("_spark");
        SparkConf conf = new SparkConf()
                .setAppName("csc-warehouse")
                .set("spark.local.dir", scratch.resolve("tmp").toString())
                .set("spark.sql.warehouse.dir", scratch.resolve("warehouse").toString())
                .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // DuckDB reads published parquet directly: deletion vectors and column mapping would
                // make raw parquet disagree with the Delta snapshot (STACK_NOTES correctness trap).
                .set("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false")
                .set("spark.databricks.delta.properties.defaults.columnMapping.mode", "none");
        for (Map.Entry<String, String> e : config.withPrefix("spark.").entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        session = SparkSession.builder().config(conf).getOrCreate();
        session.sparkContext().setLogLevel(config.string("log.spark.level", "WARN"));
        return session;
    }

    public static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    /**
     * Drops the session's temporary views. A run starts with this: {@code Lake.read} keeps a table's
     * files as they were when it was read, so a view left by an earlier run in the same JVM (tests,
     * the bench's warm mode, a rebuild after a nightly) would read that run's version of the table.
     */
    public static void dropTempViews(SparkSession spark) {
        // As rows: Spark 4.1 cannot decode its own catalog.Table objects from Java (argument type mismatch).
        for (org.apache.spark.sql.Row t : spark.catalog().listTables().toDF().select("name", "isTemporary").collectAsList()) {
            if (t.getBoolean(1)) spark.catalog().dropTempView(t.getString(0));
        }
    }
}
