package org.csc.cubes.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.errors.Errors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a DuckDB file beside the published one and renames it into place, so a reader opening
 * the file sees the old version or the new one, never a half-written one. Delta tables are copied
 * from their snapshot's parquet files (deletion vectors and column mapping are off lake-wide, so
 * the files are exactly the snapshot); small driver-side tables go through the Appender.
 */
public final class DuckDbPublisher {
    public record Table(String name, Dataset<Row> fromLake, StructType schema, List<Row> rows) {
        public static Table lake(String name, Dataset<Row> snapshot) { return new Table(name, snapshot, snapshot.schema(), null); }
        public static Table rows(String name, StructType schema, List<Row> rows) { return new Table(name, null, schema, rows); }
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<String> statements = new ArrayList<>();

    public DuckDbPublisher add(Table t) { tables.put(t.name(), t); return this; }

    /** SQL run after the tables are loaded (views, indexes, comments). */
    public DuckDbPublisher then(String sql) { statements.add(sql); return this; }

    public void publish(Path target, String runId, boolean ownerOnly) {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + runId + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(tmp);
            if (ownerOnly) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.delete(tmp); // DuckDB must create the file itself; the directory keeps the umask, so chmod below.
            }
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp)) {
                for (Table t : tables.values()) load(c, t);
                for (String sql : statements) exec(c, sql);
                exec(c, "CHECKPOINT");
            }
            if (ownerOnly) Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (SQLException e) {
            throw Errors.of("Publishing " + target.getFileName() + " failed; the previous file is unchanged.", e.getMessage(),
                    "Fix the cause and run nightly again (publishing is repeatable).", e);
        } catch (IOException e) {
            throw Errors.io("publish " + target.getFileName() + " (the previous file is unchanged)", target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stale temp file is harmless: the next run overwrites it
            }
        }
    }

    private static void load(Connection c, Table t) throws SQLException {
        exec(c, "CREATE TABLE " + t.name() + " (" + ddl(t.schema()) + ")");
        if (t.fromLake() != null) {
            String[] files = t.fromLake().inputFiles();
            if (files.length == 0) return;
            String list = java.util.Arrays.stream(files).map(f -> "'" + f.replace("file:", "").replace("'", "''") + "'")
                    .collect(Collectors.joining(", "));
            String cols = java.util.Arrays.stream(t.schema().fieldNames()).map(DuckDbPublisher::quote).collect(Collectors.joining(", "));
            exec(c, "INSERT INTO " + t.name() + " SELECT " + cols + " FROM read_parquet([" + list + "], union_by_name = true)");
        } else {
            try (DuckDBAppender app = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, t.name())) {
                StructField[] fields = t.schema().fields();
                for (Row r : t.rows()) {
                    app.beginRow();
                    for (int i = 0; i < fields.length; i++) append(app, fields[i].dataType(), r.get(i));
                    app.endRow();
                }
            }
        }
    }

    private static void append(DuckDBAppender app, DataType type, Object v) throws SQLException {
        if (v == null) app.appendNull();
        else if (v instanceof String s) app.append(s);
        else if (v instanceof Integer i) app.append(i);
        else if (v instanceof Long l) app.append(l);
        else if (v instanceof Double d) app.append(d);
        else if (v instanceof Boolean b) app.append(b);
        else if (v instanceof java.sql.Date d) app.append(d.toLocalDate());
        else if (v instanceof java.sql.Timestamp ts) app.append(ts.toLocalDateTime());
        else app.append(v.toString());
    }

    static String ddl(StructType schema) {
        return java.util.Arrays.stream(schema.fields()).map(f -> quote(f.name()) + " " + duckType(f.dataType()))
                .collect(Collectors.joining(", "));
    }

    static String duckType(DataType t) {
        if (t.equals(DataTypes.StringType)) return "VARCHAR";
        if (t.equals(DataTypes.IntegerType)) return "INTEGER";
        if (t.equals(DataTypes.LongType)) return "BIGINT";
        if (t.equals(DataTypes.DoubleType)) return "DOUBLE";
        if (t.equals(DataTypes.BooleanType)) return "BOOLEAN";
        if (t.equals(DataTypes.DateType)) return "DATE";
        if (t.equals(DataTypes.TimestampType)) return "TIMESTAMP";
        if (t instanceof DecimalType d) return "DECIMAL(" + d.precision() + "," + d.scale() + ")";
        if (t instanceof ArrayType a) return duckType(a.elementType()) + "[]";
        return "VARCHAR";
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static void exec(Connection c, String sql) throws SQLException {
        // A fresh statement per query: after a failed query DuckDB JDBC closes the statement.
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
