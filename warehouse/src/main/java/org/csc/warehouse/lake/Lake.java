package org.csc.warehouse.lake;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.config.WarehouseConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The Delta lake: one directory per table, named by layer (stg_, dim_, fct_, kpi_, dq_, etl_). */
public final class Lake {
    private final SparkSession spark;
    private final Path root;
    private final boolean readFromChecksum;

    public Lake(SparkSession spark, WarehouseConfig config) {
        this(spark, config.path("lake.dir"), config.bool("lake.read.from.checksum"));
    }

    public Lake(SparkSession spark, Path root) {
        this(spark, root, true);
    }

    public Lake(SparkSession spark, Path root, boolean readFromChecksum) {
        this.spark = spark;
        this.root = root;
        this.readFromChecksum = readFromChecksum;
    }

    public SparkSession spark() { return spark; }
    public Path root() { return root; }

    public String path(String table) {
        return root.resolve(table).toString();
    }

    public boolean exists(String table) {
        return Files.isDirectory(root.resolve(table).resolve("_delta_log"));
    }

    /**
     * The table's current version. A small table is read from the files its checksum lists (see
     * {@link ChecksumSnapshot}), which saves a Spark job each time a query over it is planned. Such a
     * frame stays on the version current when this is called, where a Delta frame follows the table
     * to its latest version: register views after the writes they must see.
     */
    public Dataset<Row> read(String table) {
        return fromChecksum(table, version(table)).orElseGet(() -> readThroughDelta(table));
    }

    /** An earlier version of the table (Delta time travel), from its checksum's file list when that describes it. */
    public Dataset<Row> readVersion(String table, long version) {
        return fromChecksum(table, version).orElseGet(() -> spark.read().format("delta").option("versionAsOf", version).load(path(table)));
    }

    private java.util.Optional<Dataset<Row>> fromChecksum(String table, long version) {
        if (!readFromChecksum) return java.util.Optional.empty();
        return ChecksumSnapshot.of(root.resolve(table), version).map(s -> s.files().isEmpty()
                ? spark.createDataFrame(java.util.List.of(), s.schema())
                : spark.read().schema(s.schema()).parquet(s.files().toArray(String[]::new)));
    }

    /** The table's current version through Delta's reader (its snapshot lists the files at each planning). */
    public Dataset<Row> readThroughDelta(String table) {
        return spark.read().format("delta").load(path(table));
    }

    /** Replaces the table's contents (and schema) in one Delta commit. */
    public void overwrite(String table, Dataset<Row> rows) {
        rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path(table));
    }

    /** Overwrites several tables side by side (see {@link Parallel}); one Delta commit each. */
    public void overwriteAll(java.util.Map<String, Dataset<Row>> tables, int writers) {
        java.util.List<Runnable> writes = new java.util.ArrayList<>();
        tables.forEach((name, ds) -> writes.add(() -> overwrite(name, ds)));
        Parallel.runAll(writes, writers);
    }

    public void append(String table, Dataset<Row> rows) {
        rows.write().format("delta").mode(SaveMode.Append).option("mergeSchema", "true").save(path(table));
    }

    /** The lake's Delta tables: its directories with a Delta log, by name. */
    public java.util.List<String> tables() {
        if (!Files.isDirectory(root)) return java.util.List.of();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lake " + root, e);
        }
    }

    public DeltaTable delta(String table) {
        return DeltaTable.forPath(spark, path(table));
    }

    /**
     * The size in bytes of the table's current version, from the checksum file Delta writes with
     * each commit (asking Delta's snapshot costs a Spark job); Long.MAX_VALUE when not known.
     */
    public long sizeOnDisk(String table) {
        return fromChecksum(table, "tableSizeBytes");
    }

    /** The number of data files of the table's current version, from the same checksum file; Long.MAX_VALUE when not known. */
    public long fileCount(String table) {
        return fromChecksum(table, "numFiles");
    }

    private static final java.util.regex.Pattern APPEND = java.util.regex.Pattern.compile("\"operationParameters\":\\{\"mode\":\"Append\"");

    /** True when the table's latest commit appended rows (rather than rewrote the table), read from that commit's log file. */
    public boolean lastCommitAppended(String table) {
        long version = version(table);
        if (version < 0) return false;
        try {
            return APPEND.matcher(Files.readString(root.resolve(table).resolve("_delta_log").resolve(String.format("%020d.json", version)))).find();
        } catch (IOException e) {
            return false;
        }
    }

    private long fromChecksum(String table, String field) {
        return ChecksumSnapshot.checksum(root.resolve(table), version(table))
                .map(crc -> crc.path(field).asLong(Long.MAX_VALUE)).orElse(Long.MAX_VALUE);
    }

    /** The table's latest version, -1 when it does not exist: read from the log's file names, without a Spark job. */
    public long version(String table) {
        Path log = root.resolve(table).resolve("_delta_log");
        if (!Files.isDirectory(log)) return -1;
        try (Stream<Path> files = Files.list(log)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Delta log of " + table, e);
        }
    }
}
