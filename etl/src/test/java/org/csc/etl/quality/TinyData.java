package org.csc.etl.quality;

import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session settings for a catalog pass over a fixture of a few rows: one shuffle partition, no
 * adaptive re-planning and no whole-stage code generation, which together cut the CPU a
 * 60-rule union costs to plan by a good share. Restored afterwards: the session is shared.
 */
final class TinyData {
    private static final Map<String, String> SETTINGS = Map.of("spark.sql.shuffle.partitions", "1",
            "spark.sql.adaptive.enabled", "false", "spark.sql.codegen.wholeStage", "false");
    private static final Map<String, String> saved = new LinkedHashMap<>();

    private TinyData() {}

    static synchronized void apply(SparkSession spark) {
        SETTINGS.forEach((k, v) -> {
            saved.putIfAbsent(k, spark.conf().get(k));
            spark.conf().set(k, v);
        });
    }

    static synchronized void restore(SparkSession spark) {
        saved.forEach((k, v) -> spark.conf().set(k, v));
        saved.clear();
    }
}
