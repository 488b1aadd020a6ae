package org.csc.etl.source;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A system's tables and columns, read from the council's contract file (contract/SYSTEM.columns.csv). */
public final class SourceContract {
    public record Column(String name, ColumnType type, String notes) {
        /** Our name for the column in staging: the source name in lower case. */
        public String stagedName() { return name.toLowerCase(Locale.ROOT); }
    }

    public record Table(String system, String name, List<Column> columns, List<String> primaryKey) {
        public String stagedTable() { return "stg_" + system + "__" + name.toLowerCase(Locale.ROOT); }

        /**
         * Whether staging also keeps every drop's rows of this table (not only the current state), so
         * conform can version changes between drops: the worker tables behind dim_worker's type 2 history.
         */
        public boolean keepsHistory() { return HISTORY_TABLES.contains(system + "." + name); }

        /** The Delta table (and conform view) holding every applied drop's staged rows: stg_..._history. */
        public String historyTable() { return stagedTable() + "_history"; }

        public Column column(String columnName) {
            for (Column c : columns) if (c.name().equals(columnName)) return c;
            return null;
        }

        /** Staged schema: the contract's columns plus lineage (drop, extract date, line) and the -1 note. */
        public StructType stagedSchema() {
            List<StructField> fields = new ArrayList<>();
            for (Column c : columns) fields.add(DataTypes.createStructField(c.stagedName(), c.type().sparkType(), true));
            fields.add(DataTypes.createStructField(Staging.DROP, DataTypes.StringType, false));
            fields.add(DataTypes.createStructField(Staging.EXTRACT_DATE, DataTypes.DateType, false));
            fields.add(DataTypes.createStructField(Staging.LINE, DataTypes.LongType, false));
            fields.add(DataTypes.createStructField(Staging.UNKNOWN_LINKS, DataTypes.StringType, true));
            fields.add(DataTypes.createStructField(Staging.DELETED_AT, DataTypes.TimestampType, true));
            return DataTypes.createStructType(fields);
        }
    }

    /** Tables whose staged rows are kept per drop (system.TABLE): Care First WORKERS, Liquid Logic DIM_WORKER. */
    private static final java.util.Set<String> HISTORY_TABLES = java.util.Set.of("carefirst.WORKERS", "liquidlogic.DIM_WORKER");

    /** Column names staging adds. */
    public static final class Staging {
        public static final String DROP = "_drop";
        public static final String EXTRACT_DATE = "_extract_date";
        public static final String LINE = "_line";
        /** Comma-separated ID columns that held the system's "unknown" marker (-1): kept for audits. */
        public static final String UNKNOWN_LINKS = "_unknown_links";
        /**
         * When the source deleted the row (a DELTA's _DELETIONS entry, or absence from a later FULL drop);
         * NULL while the row exists. Deleted rows are kept (soft delete) so that conform can tell "Liquid
         * Logic deleted this migrated event" from "Liquid Logic never held it".
         */
        public static final String DELETED_AT = "_deleted_at";
        private Staging() {}
    }

    private final String system;
    private final Map<String, Table> tables;

    private SourceContract(String system, Map<String, Table> tables) {
        this.system = system;
        this.tables = tables;
    }

    public static SourceContract load(String system, Map<String, List<String>> compositeKeys) {
        String resource = "contract/" + system + ".columns.csv";
        Map<String, List<Column>> cols = new LinkedHashMap<>();
        try (InputStream in = SourceContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw Errors.of("Source contract " + resource + " is missing from the build.",
                    "The etl jar was built without its contract resources.", "Rebuild with ./csc (or mvn package).");
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                    cols.computeIfAbsent(rec.get("table"), t -> new ArrayList<>())
                            .add(new Column(rec.get("column"), ColumnType.valueOf(rec.get("type")), rec.get("notes")));
                }
            }
        } catch (IOException e) {
            throw Errors.of("Source contract " + resource + " cannot be read.", e.getMessage(), "Rebuild the application.", e);
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        cols.forEach((name, columns) -> tables.put(name, new Table(system, name, List.copyOf(columns),
                compositeKeys.getOrDefault(name, List.of(columns.get(0).name())))));
        return new SourceContract(system, Collections.unmodifiableMap(tables));
    }

    public String system() { return system; }

    public Map<String, Table> tables() { return tables; }

    public Table table(String name) { return tables.get(name); }
}
