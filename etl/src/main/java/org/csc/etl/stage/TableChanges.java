package org.csc.etl.stage;

import org.apache.spark.sql.Row;
import org.csc.etl.source.SourceContract;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The net effect of a run's drops on one staging table, folded in extract-date order so the
 * lake is written once per table per run: a FULL drop replaces everything before it (rows it
 * lacks are marked deleted, not removed), a DELTA upserts by primary key and marks its deletions.
 */
public final class TableChanges {
    private final SourceContract.Table table;
    private final int[] keyPositions;
    private final Map<List<Object>, Row> changes = new LinkedHashMap<>(); // null value = deleted
    private final Map<List<Object>, Timestamp> deletedAt = new LinkedHashMap<>();
    /** The last values of rows deleted in this run, so they are kept (soft-deleted) even when first seen in this run. */
    private final Map<List<Object>, Row> deletedRows = new LinkedHashMap<>();
    private boolean replace;
    private Timestamp replacedAt;

    public TableChanges(SourceContract.Table table) {
        this.table = table;
        keyPositions = table.primaryKey().stream().mapToInt(k -> table.columns().indexOf(table.column(k))).toArray();
    }

    public SourceContract.Table table() { return table; }

    /** A FULL drop extracted at {@code at}: rows held before and absent now were deleted at source by then. */
    public void replaceWith(List<Row> rows, Timestamp at) {
        replace = true;
        replacedAt = at;
        // Rows this run's earlier drops delivered and the FULL lacks were deleted at source by then.
        Map<List<Object>, Row> earlier = new LinkedHashMap<>();
        changes.forEach((k, v) -> { if (v != null) earlier.put(k, v); });
        Map<List<Object>, Timestamp> earlierDeleted = new LinkedHashMap<>(deletedAt);
        changes.clear();
        deletedAt.clear();
        upsert(rows);
        earlier.forEach((k, v) -> { if (!changes.containsKey(k)) { deletedRows.put(k, v); deletedAt.put(k, at); } });
        earlierDeleted.forEach((k, t) -> { if (!changes.containsKey(k) && deletedRows.containsKey(k)) deletedAt.putIfAbsent(k, t); });
        deletedRows.keySet().removeIf(k -> changes.containsKey(k) && changes.get(k) != null);
        for (List<Object> k : deletedRows.keySet()) changes.putIfAbsent(k, null);
    }

    public void upsert(List<Row> rows) {
        for (Row r : rows) {
            List<Object> k = key(r);
            changes.put(k, r);
            deletedAt.remove(k);
            deletedRows.remove(k);
        }
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

    public boolean replace() { return replace; }

    /** Extract time of the FULL drop that replaced the table in this run (null without one). */
    public Timestamp replacedAt() { return replacedAt; }

    public boolean isEmpty() { return !replace && changes.isEmpty(); }

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
