package org.csc.etl.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.csc.etl.source.SourceSystem;
import org.csc.warehouse.calendar.DateDimension;
import org.csc.warehouse.calendar.WorkingCalendar;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Staging -> the conformed star. Builds the identity map (one child across both systems), the
 * dimensions and the event facts with Spark SQL over the stg_ views, then writes each table once.
 * Liquid Logic is the system of record; Care First rows fill only what Liquid Logic lacks.
 */
public final class ConformJob {
    private final Lake lake;
    private final WarehouseConfig config;
    private final Consumer<String> log;

    public ConformJob(Lake lake, WarehouseConfig config, Consumer<String> log) {
        this.lake = lake;
        this.config = config;
        this.log = log;
    }

    /** Registers the inputs and the conformed views; returns the tables to write, by name. */
    public Map<String, Dataset<Row>> plan(List<SourceSystem> systems) {
        SparkSession spark = lake.spark();
        StagedViews.register(lake, systems);
        Mappings.register(spark, config);
        spark.udf().register("norm_text", (UDF1<String, String>) ConformJob::normaliseName, DataTypes.StringType);
        spark.udf().register("norm_key", (UDF1<String, String>) Mappings::normalise, DataTypes.StringType);
        spark.conf().set("csc.identity.salt", config.string("identity.salt"));
        Dataset<Row> dimDate = DateDimension.build(spark, WorkingCalendar.from(config));
        dimDate.createOrReplaceTempView("dim_date");

        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        out.put(DateDimension.TABLE, dimDate);
        for (ConformSql.Step step : ConformSql.STEPS) {
            Dataset<Row> ds = spark.sql(step.sql().replace("${salt}", config.string("identity.salt"))
                    .replace("${unallocated}", config.string("report.unallocated")));
            ds.createOrReplaceTempView(step.name());
            if (step.persisted()) out.put(step.name(), ds);
        }
        return out;
    }

    /** Names compared across systems: accents folded, letters only, lower case. */
    public static String normaliseName(String s) {
        if (s == null) return null;
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String letters = folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return letters.isEmpty() ? null : letters;
    }
}
