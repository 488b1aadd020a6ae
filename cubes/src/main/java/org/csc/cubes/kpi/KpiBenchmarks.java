package org.csc.cubes.kpi;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Published benchmarks (conf/reference/benchmarks.csv) by catalog indicator, financial year and
 * comparator. The file's codes go through conf/benchmark_codes.csv and its comparator names
 * through conf/benchmark_comparators.csv; a code or comparator not listed fails the run so a
 * refreshed file is never silently half-loaded.
 */
public final class KpiBenchmarks {
    public static final String TABLE = "kpi_benchmarks";
    public static final StructType SCHEMA = new StructType()
            .add("kpi_code", DataTypes.StringType).add("financial_year", DataTypes.StringType)
            .add("comparator", DataTypes.StringType).add("value", DataTypes.DoubleType)
            .add("comparator_name", DataTypes.StringType).add("benchmark_code", DataTypes.StringType)
            .add("description", DataTypes.StringType);

    private final List<Row> rows;
    private final List<String> comparators;

    private KpiBenchmarks(List<Row> rows, List<String> comparators) {
        this.rows = rows;
        this.comparators = comparators;
    }

    public List<Row> rows() { return rows; }

    /** Short comparator names in file order (england, region, ...). */
    public List<String> comparators() { return comparators; }

    public static KpiBenchmarks load(WarehouseConfig config) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (CSVRecord r : read(config, "benchmark_codes.csv")) codes.put(r.get("benchmark_kpi"), r.get("kpi_code").trim());
        Map<String, String> names = new LinkedHashMap<>();
        for (CSVRecord r : read(config, "benchmark_comparators.csv")) {
            if (!r.get("comparator").matches("[a-z][a-z0-9_]*")) {
                throw Errors.of("conf/benchmark_comparators.csv line " + r.getRecordNumber() + ": comparator '" + r.get("comparator") + "'.",
                        "The short name becomes a column name (gap_to_<name>).", "Use lower-case letters, digits and _.");
            }
            names.put(r.get("area"), r.get("comparator"));
        }
        List<Row> out = new ArrayList<>();
        for (CSVRecord r : read(config, "reference/benchmarks.csv")) {
            String code = r.get("kpi");
            String kpi = codes.containsKey(code) ? codes.get(code) : KpiCatalog.byCode(code) != null ? code : null;
            if (kpi == null) {
                throw Errors.of("Benchmark indicator '" + code + "' (conf/reference/benchmarks.csv line " + r.getRecordNumber() + ") is not mapped.",
                        "It is neither a catalog code nor listed in conf/benchmark_codes.csv.",
                        "Add '" + code + ",<catalog code or empty>,<note>' to conf/benchmark_codes.csv.");
            }
            if (kpi.isEmpty()) continue;
            String comparator = names.get(r.get("area"));
            if (comparator == null) {
                throw Errors.of("Benchmark comparator '" + r.get("area") + "' (conf/reference/benchmarks.csv line " + r.getRecordNumber() + ") is unknown.",
                        "conf/benchmark_comparators.csv does not list it.", "Add '" + r.get("area") + ",<short name>' to that file.");
            }
            double value;
            try {
                value = Double.parseDouble(r.get("value"));
            } catch (NumberFormatException e) {
                continue; // suppressed or missing values (e.g. 'x') are not benchmarks
            }
            out.add(RowFactory.create(kpi, r.get("period"), comparator, value, r.get("area"), code, r.get("description")));
        }
        return new KpiBenchmarks(out, List.copyOf(new java.util.LinkedHashSet<>(names.values())));
    }

    private static List<CSVRecord> read(WarehouseConfig config, String file) {
        try (Reader r = new InputStreamReader(config.conf().open(file), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get().parse(r).getRecords();
        } catch (IOException | IllegalArgumentException e) {
            throw Errors.of("conf/" + file + " cannot be read.", e.getMessage(), "Restore the file (see conf/reference/SOURCES.md).", e);
        }
    }
}
