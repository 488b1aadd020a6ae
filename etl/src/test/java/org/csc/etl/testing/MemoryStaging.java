package org.csc.etl.testing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.csc.etl.landing.Drop;
import org.csc.etl.landing.LandingScan;
import org.csc.etl.landing.Manifest;
import org.csc.etl.source.ColumnType;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.stage.FileStager;
import org.csc.etl.stage.StagedFile;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stages a landing area in memory with the same rules as StagingJob (FULL replaces and marks
 * absent rows deleted, DELTA upserts and marks its deletions) so conform tests need no Delta
 * writes. StagingJob's own Delta behaviour is covered by the nightly end-to-end test.
 */
public final class MemoryStaging {
    private MemoryStaging() {}

    public static Map<String, Dataset<Row>> stage(SparkSession spark, Path landing, List<SourceSystem> systems) throws Exception {
        Map<String, SourceContract.Table> byName = new HashMap<>();
        Map<String, Map<List<Object>, Object[]>> tables = new LinkedHashMap<>();
        LandingScan.Result scan = LandingScan.scan(landing, systems.stream().map(SourceSystem::name).toList());
        for (SourceSystem system : systems) {
            for (Drop d : scan.drops()) {
                if (!d.system().equals(system.name())) continue;
                Timestamp at = Timestamp.valueOf(d.extractDate().atStartOfDay());
                for (Manifest.FileEntry f : d.manifest().files()) {
                    if (f.name().equals(Manifest.DELETIONS)) continue;
                    SourceContract.Table table = system.contract().table(f.table());
                    byName.put(table.stagedTable(), table);
                    StagedFile sf = FileStager.stage(system, d, table, d.dir().resolve(f.name()));
                    Map<List<Object>, Object[]> rows = tables.computeIfAbsent(table.stagedTable(), k -> new LinkedHashMap<>());
                    int del = table.stagedSchema().size() - 1;
                    Map<List<Object>, Object[]> fresh = new LinkedHashMap<>();
                    for (Row r : sf.rows()) {
                        Object[] v = new Object[r.size()];
                        for (int i = 0; i < v.length; i++) v[i] = r.get(i);
                        fresh.put(key(table, v), v);
                    }
                    if (d.isFull()) {
                        for (Map.Entry<List<Object>, Object[]> e : rows.entrySet()) {
                            if (!fresh.containsKey(e.getKey()) && e.getValue()[del] == null) e.getValue()[del] = at;
                        }
                    }
                    rows.putAll(fresh);
                }
                Path deletions = d.dir().resolve(Manifest.DELETIONS);
                if (!d.isFull() && Files.isRegularFile(deletions)) {
                    try (Reader r = Files.newBufferedReader(deletions)) {
                        for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                            SourceContract.Table table = system.contract().table(rec.get("TABLE_NAME"));
                            String[] parts = system.splitKey(rec.get("PRIMARY_KEY"));
                            List<Object> k = new ArrayList<>();
                            for (int i = 0; i < table.primaryKey().size(); i++) {
                                k.add(system.parse(table.column(table.primaryKey().get(i)).type(), parts[i]));
                            }
                            Object[] row = tables.getOrDefault(table.stagedTable(), Map.of()).get(k);
                            if (row != null && row[row.length - 1] == null) {
                                row[row.length - 1] = system.parse(ColumnType.DATETIME, rec.get("DELETED_DTTM"));
                            }
                        }
                    }
                }
            }
        }
        Map<String, Dataset<Row>> out = new HashMap<>();
        tables.forEach((name, rows) -> out.put(name, spark.createDataFrame(
                rows.values().stream().map(RowFactory::create).toList(), byName.get(name).stagedSchema())));
        return out;
    }

    private static List<Object> key(SourceContract.Table table, Object[] v) {
        List<Object> k = new ArrayList<>();
        for (String c : table.primaryKey()) k.add(v[table.columns().indexOf(table.column(c))]);
        return k;
    }
}
