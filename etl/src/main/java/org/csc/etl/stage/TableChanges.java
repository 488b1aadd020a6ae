package org.csc.etl.stage;

import org.apache.spark.sql.Row;
import org.csc.etl.source.SourceContract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The net effect of a run's drops on one staging table, folded in extract-date order so the
 * lake is written once per table per run: a FULL drop replaces everything before it, a DELTA
 * upserts by primary key and applies its deletions.
 */
public final class TableChanges {
    private final SourceContract.Table table;
    private final int[] keyPositions;
    private final Map<List<Object>, Row> changes = new LinkedHashMap<>(); // null value = deleted
    private boolean replace;

    public TableChanges(SourceContract.Table table) {
        this.table = table;
        keyPositions = table.primaryKey().stream().mapToInt(k -> table.columns().indexOf(table.column(k))).toArray();
    }

    public SourceContract.Table table() { return table; }

    public void replaceWith(List<Row> rows) {
        replace = true;
        changes.clear();
        upsert(rows);
    }

    public void upsert(List<Row> rows) {
        for (Row r : rows) changes.put(key(r), r);
    }

    public void delete(List<Object> key) {
        changes.put(key, null);
    }

    public List<Object> key(Row r) {
        List<Object> k = new ArrayList<>(keyPositions.length);
        for (int p : keyPositions) k.add(r.get(p));
        return k;
    }

    public boolean replace() { return replace; }

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
}
