package org.csc.etl.stage;

import org.apache.spark.sql.Row;
import org.csc.etl.source.SourceContract;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The net effect of a run's drops on one staging table, folded in extract-date order so the lake
 * is written once per table per run: a FULL drop replaces everything before it (rows it lacks are
 * marked deleted, not removed), a DELTA upserts by primary key and marks its deletions.
 *
 * <p>When a run's rows outgrow the staging buffer, the rows folded so far are spilled to disk and
 * {@link #spilled()} clears them; the table's one write folds the spilled parts back in. A FULL
 * drop that follows earlier rows of this run (which its write's source then also holds) cannot mark
 * absent rows within that write: {@link #needsSweep()} says so, and the rows still live and not
 * delivered by the FULL or a later drop of the run ({@link #deliveredDrops()}) are marked deleted
 * afterwards.
 */
public final class TableChanges {
    private final SourceContract.Table table;
    private final int[] keyPositions;
    private final Map<List<Object>, Row> changes = new LinkedHashMap<>(); // null value = deleted
    private final Map<List<Object>, Timestamp> deletedAt = new LinkedHashMap<>();
    /** The last values of rows deleted in this run, so they are kept (soft-deleted) even when first seen in this run. */
    private final Map<List<Object>, Row> deletedRows = new LinkedHashMap<>();
    private final Set<String> delivered = new LinkedHashSet<>();
    private boolean replace;
    private boolean sweep;
    private Timestamp replacedAt;

    public TableChanges(SourceContract.Table table) {
        this.table = table;
        keyPositions = table.primaryKey().stream().mapToInt(k -> table.columns().indexOf(table.column(k))).toArray();
    }

    public SourceContract.Table table() { return table; }

    /**
     * A FULL drop extracted at {@code at} begins: rows held before and absent from it were deleted at
     * source by then. Its rows follow through {@link #upsert(Row)}.
     */
    public void beginReplace(String dropId, Timestamp at) {
        // Rows this run delivered before the FULL are already folded: whether the FULL still holds
        // them is known only once it is all read, so they are marked afterwards, like written ones.
        if (!changes.isEmpty()) sweep = true;
        replace = true;
        replacedAt = at;
        delivered.clear();
        delivered.add(dropId);
    }

    /** A later drop of this run delivered rows to the table: after a replace, those rows are live. */
    public void delivered(String dropId) {
        if (replace) delivered.add(dropId);
    }

    public void upsert(Row r) {
        List<Object> k = key(r);
        changes.put(k, r);
        deletedAt.remove(k);
        deletedRows.remove(k);
    }

    public void delete(List<Object> key, Timestamp at) {
        Row last = changes.get(key);
        if (last != null) deletedRows.put(key, last);
        changes.put(key, null);
        deletedAt.put(key, at);
    }

    public List<Object> key(Row r) {
        List<Object> k = new ArrayList<>(keyPositions.length);
        for (int p : keyPositions) k.add(r.get(p));
        return k;
    }

    /** The folded rows were spilled: forget them, keep what the rest of the run needs (the replace). */
    public void spilled() {
        changes.clear();
        deletedAt.clear();
        deletedRows.clear();
    }

    public boolean replace() { return replace; }

    /** True when a replace must mark absent rows after its last write instead of within it. */
    public boolean needsSweep() { return replace && sweep; }

    /** The drops whose rows are live after the replace: the FULL and this run's later drops. */
    public Set<String> deliveredDrops() { return Set.copyOf(delivered); }

    /** Extract time of the FULL drop that replaced the table in this run (null without one). */
    public Timestamp replacedAt() { return replacedAt; }

    public boolean hasRows() { return !changes.isEmpty(); }

    /** Rows and keys held (what the staging buffer counts). */
    public int size() { return changes.size() + deletedRows.size(); }

    public List<Row> upserts() {
        List<Row> out = new ArrayList<>();
        for (Row r : changes.values()) if (r != null) out.add(r);
        return out;
    }

    public List<List<Object>> deletions() {
        List<List<Object>> out = new ArrayList<>();
        changes.forEach((k, v) -> { if (v == null) out.add(k); });
        return out;
    }

    public Timestamp deletedAt(List<Object> key) { return deletedAt.get(key); }

    /** The last values of a row deleted in this run, when this run saw them (null when only its key is known). */
    public Row deletedRow(List<Object> key) { return deletedRows.get(key); }
}
