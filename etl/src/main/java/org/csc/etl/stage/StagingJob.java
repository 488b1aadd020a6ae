package org.csc.etl.stage;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.etl.landing.Drop;
import org.csc.etl.landing.DropVerifier;
import org.csc.etl.landing.Manifest;
import org.csc.etl.ledger.LedgerEntry;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.ValueException;
import org.csc.warehouse.io.Dirs;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.lake.Parallel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

/**
 * Applies pending drops of one system to its stg_ tables. Drops are verified first (a damaged
 * drop is rejected whole and holds back later DELTA drops of that system until a FULL one
 * arrives), then folded in extract-date order; FULL drops before the last one are superseded
 * (verified, not parsed). Each staging table is written once, and tables are written in parallel
 * because Delta commits are latency-bound, not CPU-bound. Tables that keep history (the worker
 * tables, {@link SourceContract.Table#keepsHistory()}) also get every drop's rows appended to
 * {@code stg_..._history}, superseded drops included (a side record: their ledger entries stay
 * SUPERSEDED, and their quarantined rows are not counted).
 */
public final class StagingJob {
    public static final String QUARANTINE_TABLE = "etl_quarantine";
    /** Where a run's staged rows go when they outgrow the buffer, until each table is written. */
    static final String SPILL_DIR = "_staging_spill";

    private final Lake lake;
    private final Consumer<String> log;
    private final int writers;
    private final long bufferRows;
    private final long rewriteMaxBytes;
    private Buffer buffer;

    public StagingJob(Lake lake, Consumer<String> log, int writers) {
        this(lake, log, writers, Long.MAX_VALUE);
    }

    /** bufferRows: rows folded in memory before they are written (bounds the driver's memory). */
    public StagingJob(Lake lake, Consumer<String> log, int writers, long bufferRows) {
        this(lake, log, writers, bufferRows, 0);
    }

    /**
     * rewriteMaxBytes: a table whose current version is at most this size is rewritten whole with
     * its changes instead of MERGEd (0 = always MERGE); see {@link #rewrite}.
     */
    public StagingJob(Lake lake, Consumer<String> log, int writers, long bufferRows, long rewriteMaxBytes) {
        this.lake = lake;
        this.log = log;
        this.writers = Math.max(1, writers);
        this.bufferRows = Math.max(1, bufferRows);
        this.rewriteMaxBytes = rewriteMaxBytes;
    }

    public StagingResult run(String runId, List<SourceSystem> systems, List<Drop> pending) {
        List<LedgerEntry> entries = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        buffer = new Buffer(runId);
        // A run that stopped half-way may have left spilled parts: they are not this run's.
        Dirs.deleteTree(lake.root().resolve(SPILL_DIR));
        for (SourceSystem system : systems) {
            List<Drop> drops = pending.stream().filter(d -> d.system().equals(system.name())).toList();
            if (!drops.isEmpty()) fold(runId, system, drops, entries, messages);
        }
        buffer.flush(true);
        Dirs.deleteTree(lake.root().resolve(SPILL_DIR));
        if (buffer.spills > 0) {
            messages.add("staging buffer (" + bufferRows + " rows) filled " + buffer.spills + " time(s): rows were spilled to disk and folded into each table's one write");
        }
        StagingResult result = new StagingResult(entries, buffer.changed, messages, buffer.quarantined);
        buffer = null;
        return result;
    }

    /**
     * What the run has folded and not yet written. Bounded: when it holds {@code bufferRows} rows,
     * each table's rows are spilled to parquet and the buffer is emptied, so a drop of any size
     * stages in the same memory. Each table is written once at the end, spilled parts folded in.
     */
    private final class Buffer {
        final String runId;
        final Map<String, TableChanges> changes = new LinkedHashMap<>();
        final Map<SourceContract.Table, List<Row>> history = new LinkedHashMap<>();
        final List<QuarantineRow> quarantine = new ArrayList<>();
        final Set<String> changed = new LinkedHashSet<>();
        final Map<String, List<String>> spilled = new ConcurrentHashMap<>();
        long held;
        long quarantined;
        int spills;

        Buffer(String runId) {
            this.runId = runId;
        }

        TableChanges table(SourceContract.Table table) {
            return changes.computeIfAbsent(table.stagedTable(), k -> new TableChanges(table));
        }

        void upsert(TableChanges tc, Row row) {
            int before = tc.size();
            tc.upsert(row);
            held += tc.size() - before;
            if (held >= bufferRows) flush(false);
        }

        void history(SourceContract.Table table, Row row) {
            history.computeIfAbsent(table, k -> new ArrayList<>()).add(row);
            if (++held >= bufferRows) flush(false);
        }

        void delete(TableChanges tc, List<Object> key, Timestamp at) {
            int before = tc.size();
            tc.delete(key, at);
            held += Math.max(1, tc.size() - before);
            if (held >= bufferRows) flush(false);
        }

        void quarantine(List<QuarantineRow> rows) {
            quarantine.addAll(rows);
            quarantined += rows.size();
            held += rows.size();
            if (held >= bufferRows) flush(false);
        }

        /** last: write every table once (with what was spilled); otherwise spill the rows held and forget them. */
        void flush(boolean last) {
            List<Runnable> writes = new ArrayList<>();
            int part = spills;
            for (TableChanges tc : changes.values()) {
                List<String> parts = spilled.computeIfAbsent(tc.table().stagedTable(), k -> new ArrayList<>());
                if (!last) {
                    if (!tc.hasRows()) continue;
                    writes.add(() -> {
                        parts.add(spill(tc, part));
                        tc.spilled();
                    });
                    continue;
                }
                if (!tc.hasRows() && !tc.replace() && parts.isEmpty()) continue;
                changed.add(tc.table().stagedTable());
                writes.add(() -> write(tc, parts));
            }
            history.forEach((table, rows) -> { if (!rows.isEmpty()) writes.add(() -> appendHistory(table, rows)); });
            if (!quarantine.isEmpty()) {
                List<Row> rows = quarantine.stream().map(q -> RowFactory.create(runId, q.drop(), q.file(), q.line(), q.recordKey(),
                        q.column(), q.rawValue(), q.reason())).toList();
                writes.add(() -> lake.append(QUARANTINE_TABLE, lake.spark().createDataFrame(rows, QuarantineRow.SCHEMA)));
            }
            Parallel.runAll(writes, writers);
            history.clear();
            quarantine.clear();
            held = 0;
            if (!last) spills++;
        }
    }

    private void fold(String runId, SourceSystem system, List<Drop> drops, List<LedgerEntry> entries, List<String> messages) {
        List<Drop> accepted = new ArrayList<>();
        boolean held = false;
        for (Drop d : drops) {
            if (held && !d.isFull()) {
                messages.add(d.id() + ": held back: an earlier " + system.name() + " drop was rejected and this DELTA depends on it;"
                        + " it is applied once the rejected drop is re-delivered intact or a FULL drop arrives");
                continue;
            }
            List<String> problems = DropVerifier.problems(d);
            if (!problems.isEmpty()) {
                held = true;
                String why = String.join("; ", problems);
                messages.add(d.id() + ": REJECTED whole, nothing loaded: " + why + ". Fix: ask for the drop to be re-exported.");
                entries.add(new LedgerEntry(runId, d.id(), d.system(), d.extractDate(), d.manifest().mode(), null, null,
                        0, 0, 0, 0, LedgerEntry.Status.REJECTED, why));
                continue;
            }
            held = false;
            accepted.add(d);
        }
        int lastFull = -1;
        for (int i = 0; i < accepted.size(); i++) if (accepted.get(i).isFull()) lastFull = i;
        for (int i = 0; i < accepted.size(); i++) {
            Drop d = accepted.get(i);
            if (i < lastFull) {
                for (Manifest.FileEntry f : d.manifest().files()) {
                    entries.add(new LedgerEntry(runId, d.id(), d.system(), d.extractDate(), d.manifest().mode(), f.name(), f.sha256(),
                            f.rows(), 0, 0, 0, LedgerEntry.Status.SUPERSEDED, "a later FULL drop in this run replaces it"));
                    // Its history tables are still read (small): a change it shows must not be lost. Side record only:
                    // the ledger keeps the drop SUPERSEDED and its quarantine is not counted.
                    SourceContract.Table table = system.contract().table(f.table());
                    if (table != null && table.keepsHistory()) {
                        FileStager.stage(system, d, table, d.dir().resolve(f.name()), row -> buffer.history(table, row));
                    }
                }
                continue;
            }
            applyDrop(runId, system, d, entries, messages);
        }
    }

    private void applyDrop(String runId, SourceSystem system, Drop d, List<LedgerEntry> entries, List<String> messages) {
        for (Manifest.FileEntry f : d.manifest().files()) {
            if (f.name().equals(Manifest.DELETIONS)) continue;
            SourceContract.Table table = system.contract().table(f.table());
            if (table == null) {
                messages.add(d.id() + "/" + f.name() + ": not a table of the " + system.name() + " contract; ignored");
                entries.add(new LedgerEntry(runId, d.id(), d.system(), d.extractDate(), d.manifest().mode(), f.name(), f.sha256(),
                        f.rows(), 0, 0, 0, LedgerEntry.Status.IGNORED, "not in the contract"));
                continue;
            }
            TableChanges tc = buffer.table(table);
            if (d.isFull()) tc.beginReplace(d.id(), Timestamp.valueOf(d.extractDate().atStartOfDay()));
            else tc.delivered(d.id());
            StagedFile sf = FileStager.stage(system, d, table, d.dir().resolve(f.name()), row -> {
                if (table.keepsHistory()) buffer.history(table, row);
                buffer.upsert(tc, row);
            });
            buffer.quarantine(sf.quarantined());
            long q = sf.quarantinedCount();
            String msg = null;
            if (sf.fileProblem() != null) {
                msg = sf.fileProblem();
                messages.add(d.id() + "/" + f.name() + ": " + msg);
            }
            if (sf.received() != f.rows()) {
                String m = "manifest says " + f.rows() + " rows, file has " + sf.received();
                msg = msg == null ? m : msg + "; " + m;
                messages.add(d.id() + "/" + f.name() + ": " + m);
            }
            if (q > 0) {
                QuarantineRow first = sf.quarantined().get(0);
                messages.add(d.id() + "/" + f.name() + ": " + q + " of " + sf.received() + " rows quarantined (first: line "
                        + first.line() + ", column " + first.column() + ": " + first.reason() + ")");
            }
            entries.add(new LedgerEntry(runId, d.id(), d.system(), d.extractDate(), d.manifest().mode(), f.name(), f.sha256(),
                    f.rows(), sf.received(), sf.staged(), q, LedgerEntry.Status.APPLIED, msg));
        }
        // A FULL drop may omit a table the exporter does not produce: what we hold for it stays.
        if (!d.isFull()) {
            long[] counts = applyDeletions(system, d, messages);
            Manifest.FileEntry del = d.manifest().files().stream().filter(f -> f.name().equals(Manifest.DELETIONS)).findFirst().orElse(null);
            if (del != null) {
                entries.add(new LedgerEntry(runId, d.id(), d.system(), d.extractDate(), d.manifest().mode(), del.name(), del.sha256(),
                        del.rows(), counts[0], counts[1], counts[0] - counts[1], LedgerEntry.Status.APPLIED,
                        counts[0] == counts[1] ? null : (counts[0] - counts[1]) + " deletion(s) ignored: see messages"));
            }
        }
        if (d.manifest().files().isEmpty()) {
            entries.add(new LedgerEntry(runId, d.id(), d.system(), d.extractDate(), d.manifest().mode(), null, null,
                    0, 0, 0, 0, LedgerEntry.Status.APPLIED, "the drop lists no files: nothing changed at source"));
        }
    }

    /** Returns {deletions read, deletions applied}. */
    private long[] applyDeletions(SourceSystem system, Drop d, List<String> messages) {
        long[] counts = new long[2];
        Path file = d.dir().resolve(Manifest.DELETIONS);
        if (!Files.isRegularFile(file)) return counts;
        try (InputStream raw = Files.newInputStream(file);
             Reader r = new InputStreamReader(BOMInputStream.builder().setInputStream(raw).get(), system.charset())) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                counts[0]++;
                SourceContract.Table table = system.contract().table(rec.get("TABLE_NAME"));
                if (table == null) {
                    messages.add(d.id() + "/" + Manifest.DELETIONS + " line " + (rec.getRecordNumber() + 1) + ": unknown table; ignored");
                    continue;
                }
                String[] parts = system.splitKey(rec.get("PRIMARY_KEY"));
                List<Object> key = new ArrayList<>();
                Timestamp at = Timestamp.valueOf(d.extractDate().atStartOfDay());
                try {
                    Object when = rec.isMapped("DELETED_DTTM") ? system.parse(org.csc.etl.source.ColumnType.DATETIME, rec.get("DELETED_DTTM")) : null;
                    if (when instanceof Timestamp t) at = t;
                } catch (ValueException e) {
                    // an unreadable deletion time still deletes: the drop's extract date stands in for it
                }
                try {
                    for (int i = 0; i < table.primaryKey().size(); i++) {
                        key.add(system.parse(table.column(table.primaryKey().get(i)).type(), i < parts.length ? parts[i] : null));
                    }
                } catch (ValueException e) {
                    messages.add(d.id() + "/" + Manifest.DELETIONS + " line " + (rec.getRecordNumber() + 1) + ": key " + e.getMessage() + "; ignored");
                    continue;
                }
                buffer.delete(buffer.table(table), key, at);
                counts[1]++;
            }
        } catch (IOException | RuntimeException e) {
            messages.add(d.id() + "/" + Manifest.DELETIONS + ": cannot be read: " + e.getMessage());
        }
        return counts;
    }

    /**
     * Adds drops' staged rows to a table's history (stg_..._history, the staged schema, one row per
     * drop and key). Idempotent: rows of a drop and key already held are not added again.
     */
    private void appendHistory(SourceContract.Table table, List<Row> rows) {
        String name = table.historyTable();
        Dataset<Row> source = lake.spark().createDataFrame(rows, table.stagedSchema());
        if (!lake.exists(name)) {
            lake.overwrite(name, source);
            return;
        }
        Column on = col("t." + SourceContract.Staging.DROP).equalTo(col("s." + SourceContract.Staging.DROP));
        for (String k : table.primaryKey()) {
            String c = table.column(k).stagedName();
            on = on.and(col("t." + c).equalTo(col("s." + c)));
        }
        lake.delta(name).as("t").merge(source.as("s"), on).whenNotMatched().insertAll().execute();
    }

    /**
     * Writes one table's net changes. Nothing is physically removed: a deleted row keeps its values
     * and gets {@code _deleted_at}; a row that comes back (re-sent by a later drop) is live again.
     * When the buffer was spilled, the spilled parts and the rows still held are folded into one
     * source (the latest state of each key), so the table is still written once.
     */
    private void write(TableChanges tc, List<String> spillParts) {
        SourceContract.Table table = tc.table();
        StructType schema = table.stagedSchema();
        String name = table.stagedTable();
        int width = schema.size();
        int deletedAt = schema.fieldIndex(SourceContract.Staging.DELETED_AT);
        if (!lake.exists(name) && spillParts.isEmpty()) {
            // First write: rows deleted within this run are kept too, marked, when their values are known.
            List<Row> first = new ArrayList<>(tc.upserts());
            for (List<Object> key : tc.deletions()) {
                Row last = tc.deletedRow(key);
                if (last == null) continue;
                Object[] v = new Object[width];
                for (int i = 0; i < width; i++) v[i] = last.get(i);
                v[deletedAt] = tc.deletedAt(key);
                first.add(RowFactory.create(v));
            }
            lake.overwrite(name, lake.spark().createDataFrame(first, schema));
            sweep(tc);
            return;
        }
        if (!lake.exists(name)) lake.overwrite(name, lake.spark().createDataFrame(List.of(), schema));
        Dataset<Row> source = spillParts.isEmpty() ? source(tc) : folded(tc, spillParts);
        Column on = lit(true);
        for (String k : table.primaryKey()) {
            String c = table.column(k).stagedName();
            on = on.and(col("t." + c).equalTo(col("s." + c)));
        }
        if (rewriteMaxBytes > 0 && lake.sizeOnDisk(name) <= rewriteMaxBytes) {
            lake.overwrite(name, rewrite(tc, source, on));
            sweep(tc);
            return;
        }
        Map<String, Column> set = new LinkedHashMap<>();
        for (String f : schema.fieldNames()) set.put(f, col("s." + f));
        Column live = col("t." + SourceContract.Staging.DELETED_AT).isNull();
        var merge = lake.delta(name).as("t").merge(source.as("s"), on)
                .whenMatched(col("s._deleted").and(live)).update(Map.of(SourceContract.Staging.DELETED_AT, col("s." + SourceContract.Staging.DELETED_AT)))
                .whenMatched(col("s._deleted").equalTo(lit(false))).update(set)
                .whenNotMatched(col("s._deleted").equalTo(lit(false))).insert(set)
                // A row first seen and deleted in this run: kept, marked (its drop column is set only when its values are known).
                .whenNotMatched(col("s._deleted").and(col("s." + SourceContract.Staging.DROP).isNotNull())).insert(set);
        if (tc.replace() && !tc.needsSweep()) {
            merge = merge.whenNotMatchedBySource(live).update(Map.of(SourceContract.Staging.DELETED_AT, lit(tc.replacedAt())));
        }
        merge.execute();
        sweep(tc);
    }

    /**
     * The table as the MERGE in {@link #write} would leave it, as one query to overwrite it with: the
     * current rows joined with the changes on the key. A MERGE scans the table once to find the
     * files it touches and again to rewrite them, in two Spark jobs and a heavier commit; a small
     * table (one file) is rewritten whole either way, so one pass that writes it is cheaper.
     */
    private Dataset<Row> rewrite(TableChanges tc, Dataset<Row> source, Column on) {
        StructType schema = tc.table().stagedSchema();
        String deletedAt = SourceContract.Staging.DELETED_AT;
        Dataset<Row> t = lake.read(tc.table().stagedTable()).withColumn("_in_t", lit(true)).as("t");
        Dataset<Row> s = source.withColumn("_in_s", lit(true)).as("s");
        Column inT = col("t._in_t").isNotNull();
        Column inS = col("s._in_s").isNotNull();
        Column sDeleted = col("s._deleted");
        Column tLive = col("t." + deletedAt).isNull();
        boolean markAbsent = tc.replace() && !tc.needsSweep();
        List<Column> out = new ArrayList<>();
        for (var f : schema.fields()) {
            String c = f.name();
            // Changed rows take the drop's values; a deletion of a held row keeps its values and marks it once.
            Column whenDeleted = c.equals(deletedAt)
                    ? when(inT, when(tLive, col("s." + c)).otherwise(col("t." + c)))
                            .otherwise(col("s." + c))
                    : when(inT, col("t." + c)).otherwise(col("s." + c));
            // A row the changes do not mention stays, unless a FULL drop replaced the table without it.
            Column untouched = c.equals(deletedAt) && markAbsent
                    ? when(tLive, lit(tc.replacedAt())).otherwise(col("t." + c))
                    : col("t." + c);
            out.add(when(inS.and(not(sDeleted)), col("s." + c))
                    .when(inS, whenDeleted)
                    .otherwise(untouched).cast(f.dataType()).as(c));
        }
        // A key first seen as a deletion, with no values ever known, is not a row.
        Column kept = inT.or(not(sDeleted)).or(col("s." + SourceContract.Staging.DROP).isNotNull());
        return t.join(s, on, "full_outer").where(kept).select(out.toArray(new Column[0]));
    }

    /** The rows held for a table as a MERGE source: the staged columns, nullable, and {@code _deleted}. */
    private Dataset<Row> source(TableChanges tc) {
        SourceContract.Table table = tc.table();
        StructType schema = table.stagedSchema();
        int width = schema.size();
        int deletedAt = schema.fieldIndex(SourceContract.Staging.DELETED_AT);
        List<Row> rows = new ArrayList<>(tc.upserts().size() + tc.deletions().size());
        for (Row r : tc.upserts()) {
            Object[] v = new Object[width + 1];
            for (int i = 0; i < width; i++) v[i] = r.get(i);
            v[deletedAt] = null;
            v[width] = false;
            rows.add(RowFactory.create(v));
        }
        for (List<Object> key : tc.deletions()) {
            Object[] v = new Object[width + 1];
            Row last = tc.deletedRow(key);
            if (last != null) {
                for (int i = 0; i < width; i++) v[i] = last.get(i);
            } else {
                for (int i = 0; i < table.primaryKey().size(); i++) {
                    v[table.columns().indexOf(table.column(table.primaryKey().get(i)))] = key.get(i);
                }
            }
            v[deletedAt] = tc.deletedAt(key);
            v[width] = true;
            rows.add(RowFactory.create(v));
        }
        StructType nullable = new StructType();
        for (var f : schema.fields()) nullable = nullable.add(f.name(), f.dataType(), true);
        nullable = nullable.add("_deleted", DataTypes.BooleanType, true);
        return lake.spark().createDataFrame(rows, nullable);
    }

    /** Writes the rows held for a table to a spill part (parquet) and returns its path. */
    private String spill(TableChanges tc, int part) {
        String path = spillDir(tc.table()) + "/part=" + part;
        source(tc).write().mode("overwrite").parquet(path);
        return path;
    }

    private String spillDir(SourceContract.Table table) {
        return lake.path(SPILL_DIR) + "/" + table.stagedTable();
    }

    /**
     * The latest state of each key across the spilled parts and the rows still held (later parts
     * win). A key whose latest state is a deletion known only by its key takes its values from the
     * latest part that had them, as the in-memory fold keeps a deleted row's last values.
     */
    private Dataset<Row> folded(TableChanges tc, List<String> spillParts) {
        SourceContract.Table table = tc.table();
        Dataset<Row> parts = null;
        for (int i = 0; i < spillParts.size(); i++) {
            Dataset<Row> p = lake.spark().read().parquet(spillParts.get(i)).withColumn("_part", lit(i));
            parts = parts == null ? p : parts.unionByName(p);
        }
        parts = parts.unionByName(source(tc).withColumn("_part", lit(spillParts.size())));
        List<String> keys = table.primaryKey().stream().map(k -> table.column(k).stagedName()).toList();
        String by = String.join(", ", keys);
        List<String> values = new ArrayList<>();
        for (String f : table.stagedSchema().fieldNames()) {
            if (keys.contains(f) || f.equals(SourceContract.Staging.DELETED_AT)) values.add(f);
            else values.add("CASE WHEN " + SourceContract.Staging.DROP + " IS NULL THEN known_values." + f + " ELSE " + f + " END AS " + f);
        }
        // One view per table: tables are written side by side in one session.
        String view = "spill__" + table.stagedTable();
        parts.createOrReplaceTempView(view);
        return lake.spark().sql("SELECT " + String.join(", ", values) + ", _deleted FROM ("
                + " SELECT *, row_number() OVER (PARTITION BY " + by + " ORDER BY _part DESC) AS _rn,"
                + " max_by(struct(*), CASE WHEN " + SourceContract.Staging.DROP + " IS NOT NULL THEN _part END) OVER (PARTITION BY " + by + ") AS known_values"
                + " FROM " + view + ") WHERE _rn = 1");
    }

    /** A FULL drop after earlier rows of this run: live rows it (and later drops of the run) did not deliver were deleted at source. */
    private void sweep(TableChanges tc) {
        if (!tc.needsSweep()) return;
        Column live = col(SourceContract.Staging.DELETED_AT).isNull();
        Column undelivered = not(col(SourceContract.Staging.DROP).isin(tc.deliveredDrops().toArray()));
        lake.delta(tc.table().stagedTable()).update(live.and(undelivered),
                Map.of(SourceContract.Staging.DELETED_AT, lit(tc.replacedAt())));
    }

}
