package org.csc.etl.conform;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The council-editable mappings in conf/mappings as Spark views and functions: map_codes (system,
 * column key, source value -> code) and map_teams (normalised variant -> team, area). Conform SQL
 * calls {@code code_of(system, column_key, value)}, {@code team_of(text)} and {@code area_of(text)};
 * a value with no row maps to UNKNOWN (never a crash, never a dropped row) and is listed in
 * dq_unmapped_values for the data-quality report.
 */
public final class Mappings {
    public static final String UNKNOWN = "UNKNOWN";
    public static final String CODES = "mappings/codes.csv";
    public static final String TEAMS = "mappings/teams.csv";

    private Mappings() {}

    /** Lower case, letters and digits only: how team variants and free text are compared. */
    public static String normalise(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    public static void register(SparkSession spark, WarehouseConfig config) {
        List<Row> codes = new ArrayList<>();
        Map<String, String> exact = new HashMap<>();
        Map<String, String> loose = new HashMap<>();
        for (CSVRecord r : read(config, CODES)) {
            String system = r.get("system"), column = r.get("column"), value = r.get("source_value"), code = r.get("code");
            codes.add(RowFactory.create(system, column, value, normalise(value), code));
            exact.putIfAbsent(system + "\u0001" + column + "\u0001" + value, code);
            loose.putIfAbsent(system + "\u0001" + column + "\u0001" + normalise(value), code);
        }
        StructType codeSchema = new StructType().add("system", DataTypes.StringType).add("column_key", DataTypes.StringType)
                .add("source_value", DataTypes.StringType).add("value_norm", DataTypes.StringType).add("code", DataTypes.StringType);
        spark.createDataFrame(codes, codeSchema).createOrReplaceTempView("map_codes");

        List<Row> teams = new ArrayList<>();
        Map<String, String[]> teamByVariant = new HashMap<>();
        for (CSVRecord r : read(config, TEAMS)) {
            String norm = normalise(r.get("variant"));
            teams.add(RowFactory.create(norm, r.get("team"), r.get("area")));
            teamByVariant.putIfAbsent(norm, new String[]{r.get("team"), r.get("area")});
        }
        StructType teamSchema = new StructType().add("variant_norm", DataTypes.StringType).add("team", DataTypes.StringType)
                .add("area", DataTypes.StringType);
        Dataset<Row> t = spark.createDataFrame(teams, teamSchema).dropDuplicates("variant_norm");
        t.createOrReplaceTempView("map_teams");

        spark.udf().register("code_of", (UDF3<String, String, String, String>) (system, column, value) -> {
            if (value == null || value.isBlank()) return null;
            String c = exact.get(system + "\u0001" + column + "\u0001" + value);
            if (c == null) c = loose.get(system + "\u0001" + column + "\u0001" + normalise(value));
            return c == null ? UNKNOWN : c;
        }, DataTypes.StringType);
        spark.udf().register("team_of", (UDF1<String, String>) v -> {
            if (v == null || v.isBlank()) return UNKNOWN;
            String[] ta = teamByVariant.get(normalise(v));
            return ta == null ? UNKNOWN : ta[0];
        }, DataTypes.StringType);
        spark.udf().register("area_of", (UDF1<String, String>) v -> {
            if (v == null || v.isBlank()) return UNKNOWN;
            String[] ta = teamByVariant.get(normalise(v));
            return ta == null ? UNKNOWN : ta[1];
        }, DataTypes.StringType);
        spark.udf().register("uk_date", (UDF1<String, Date>) Mappings::ukDate, DataTypes.DateType);
    }

    /** A dd/MM/yyyy date typed as free text (Liquid Logic's FormEndDate answer); NULL when it is not one. */
    public static Date ukDate(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Date.valueOf(LocalDate.parse(s.trim(), org.csc.etl.source.Conventions.strict("dd/MM/yyyy")));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A fingerprint of the mapping files: conform steps are rebuilt when the council edits them. */
    public static String fingerprint(WarehouseConfig config) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : List.of(CODES, TEAMS)) {
                try (var in = config.conf().open(name)) {
                    md.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw Errors.of("conf/mappings cannot be read.", e.getMessage(), "Restore the mapping files (see conf/reference/SOURCES.md).", e);
        }
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
