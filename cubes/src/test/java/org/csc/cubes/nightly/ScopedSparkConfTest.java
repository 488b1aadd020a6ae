package org.csc.cubes.nightly;

import org.apache.spark.sql.SparkSession;
import org.csc.etl.testing.TestSpark;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.spark.ScopedSparkConf;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScopedSparkConfTest {
    @Test
    void stageSettingsHoldInsideTheScopeAndTheRunsSettingsComeBackAfter() {
        SparkSession spark = TestSpark.session();
        String before = spark.conf().get("spark.sql.codegen.wholeStage");
        spark.conf().unset("spark.sql.broadcastTimeout");
        WarehouseConfig config = WarehouseConfig.builder().env(Map.of()).baseDir(Path.of("target").toAbsolutePath()).build()
                .with("cubes.spark.spark.sql.codegen.wholeStage", String.valueOf(!Boolean.parseBoolean(before)))
                .with("cubes.spark.spark.sql.broadcastTimeout", "123");
        try (ScopedSparkConf scope = ScopedSparkConf.apply(spark, config, "cubes.spark.")) {
            assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo(String.valueOf(!Boolean.parseBoolean(before)));
            assertThat(spark.conf().get("spark.sql.broadcastTimeout")).isEqualTo("123");
        }
        assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo(before);
        assertThat(spark.conf().get("spark.sql.broadcastTimeout")).isNotEqualTo("123");
    }
}
