package org.csc.etl.conform;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The council-editable mappings in conf/mappings as Spark views: map_codes (system, column key,
 * source value -> DfE code) and map_teams (normalised variant -> team, area). Conform SQL joins
 * them; a value with no row maps to UNKNOWN and becomes a data-quality finding.
 */
public final class Mappings {
    public static final String UNKNOWN = "UNKNOWN";

    private Mappings() {}

    /** Lower case, letters and digits only: how team variants and free text are compared. */
    public static String normalise(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    public static void register(SparkSession spark, WarehouseConfig config) {
        List<Row> codes = new ArrayList<>();
        for (CSVRecord r : read(config, "mappings/codes.csv")) {
            codes.add(RowFactory.create(r.get("system"), r.get("column"), r.get("source_value"), normalise(r.get("source_value")), r.get("code")));
        }
        StructType codeSchema = new StructType().add("system", DataTypes.StringType).add("column_key", DataTypes.StringType)
                .add("source_value", DataTypes.StringType).add("value_norm", DataTypes.StringType).add("code", DataTypes.StringType);
        spark.createDataFrame(codes, codeSchema).createOrReplaceTempView("map_codes");

        List<Row> teams = new ArrayList<>();
        for (CSVRecord r : read(config, "mappings/teams.csv")) {
            teams.add(RowFactory.create(normalise(r.get("variant")), r.get("team"), r.get("area")));
        }
        StructType teamSchema = new StructType().add("variant_norm", DataTypes.StringType).add("team", DataTypes.StringType)
                .add("area", DataTypes.StringType);
        Dataset<Row> t = spark.createDataFrame(teams, teamSchema).dropDuplicates("variant_norm");
        t.createOrReplaceTempView("map_teams");
    }

    static List<CSVRecord> read(WarehouseConfig config, String name) {
        try (Reader r = new InputStreamReader(config.conf().open(name), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                    .setIgnoreEmptyLines(true).get().parse(r).getRecords();
        } catch (IOException e) {
            throw Errors.of("conf/" + name + " cannot be read.", e.getMessage(), "Restore the file (see conf/reference/SOURCES.md).", e);
        }
    }
}
