package org.csc.warehouse.spark;

import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.config.WarehouseConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spark SQL settings for one stage of the run: every key {@code <prefix>spark.x = v} in the
 * configuration sets {@code spark.x} to v until {@link #close()}, which restores what was there.
 * A stage's best settings differ from the run's (the cubes' few large aggregations gain from
 * generated code that the many small plans elsewhere do not repay).
 */
public final class ScopedSparkConf implements AutoCloseable {
    private final SparkSession spark;
    private final Map<String, String> saved = new LinkedHashMap<>();

    private ScopedSparkConf(SparkSession spark) {
        this.spark = spark;
    }

    public static ScopedSparkConf apply(SparkSession spark, WarehouseConfig config, String prefix) {
        ScopedSparkConf scope = new ScopedSparkConf(spark);
        config.withPrefix(prefix).forEach((key, value) -> {
            String sparkKey = key.substring(prefix.length());
            scope.saved.put(sparkKey, spark.conf().get(sparkKey, null));
            spark.conf().set(sparkKey, value.trim());
        });
        return scope;
    }

    @Override
    public void close() {
        saved.forEach((k, v) -> {
            if (v == null) spark.conf().unset(k);
            else spark.conf().set(k, v);
        });
    }
}
