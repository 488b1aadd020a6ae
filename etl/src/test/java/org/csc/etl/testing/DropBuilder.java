package org.csc.etl.testing;

import org.csc.etl.landing.DropVerifier;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.carefirst.CareFirstSource;
import org.csc.etl.source.liquidlogic.LiquidLogicSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one drop the way the system's exporter does (Care First windows-1252 with CRLF, Liquid
 * Logic UTF-8 with LF), with every contract column in the header and a manifest whose row counts
 * and sha256 match, so tests build small journeys in code instead of hand-editing CSV files.
 */
public final class DropBuilder {
    private final Path dir;
    private final SourceSystem system;
    private final LocalDate extractDate;
    private final String mode;
    private final Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    private final List<String[]> deletions = new ArrayList<>();

    public DropBuilder(Path landing, String system, LocalDate extractDate, String mode) {
        this.system = system.equals(CareFirstSource.NAME) ? new CareFirstSource() : new LiquidLogicSource();
        this.dir = landing.resolve(system).resolve(extractDate.toString());
        this.extractDate = extractDate;
        this.mode = mode;
    }

    /** Adds a row: column -> value (null or absent = empty field), values written with toString. */
    public DropBuilder row(String table, Map<String, Object> values) {
        if (system.contract().table(table) == null) throw new IllegalArgumentException(table + " is not a " + system.name() + " table");
        tables.computeIfAbsent(table, k -> new ArrayList<>()).add(values);
        return this;
    }

    /** Declares a table present with no rows (a FULL drop saying "this table is now empty"). */
    public DropBuilder empty(String table) {
        tables.computeIfAbsent(table, k -> new ArrayList<>());
        return this;
    }

    public DropBuilder delete(String table, String primaryKey, String deletedAt) {
        deletions.add(new String[]{table, primaryKey, deletedAt});
        return this;
    }

    public Path write() {
        try {
            Files.createDirectories(dir);
            boolean cf = system.name().equals(CareFirstSource.NAME);
            String eol = cf ? "\r\n" : "\n";
            Charset cs = system.charset();
            StringBuilder manifest = new StringBuilder("{\"system\":\"" + system.name() + "\",\"extract_date\":\"" + extractDate
                    + "\",\"extracted_at\":\"" + extractDate + "T01:30:00\",\"mode\":\"" + mode + "\",\"files\":[");
            List<String> entries = new ArrayList<>();
            for (Map.Entry<String, List<Map<String, Object>>> t : tables.entrySet()) {
                SourceContract.Table table = system.contract().table(t.getKey());
                StringBuilder csv = new StringBuilder();
                csv.append(String.join(",", table.columns().stream().map(SourceContract.Column::name).toList())).append(eol);
                for (Map<String, Object> r : t.getValue()) {
                    List<String> fields = new ArrayList<>();
                    for (SourceContract.Column c : table.columns()) fields.add(quote(r.get(c.name())));
                    csv.append(String.join(",", fields)).append(eol);
                }
                entries.add(file(t.getKey() + ".csv", csv.toString(), cs, t.getValue().size()));
            }
            if (!deletions.isEmpty()) {
                StringBuilder csv = new StringBuilder("TABLE_NAME,PRIMARY_KEY,DELETED_DTTM\n");
                for (String[] d : deletions) csv.append(quote(d[0])).append(',').append(quote(d[1])).append(',').append(quote(d[2])).append('\n');
                entries.add(file("_DELETIONS.csv", csv.toString(), cs, deletions.size()));
            }
            manifest.append(String.join(",", entries)).append("]}");
            Files.writeString(dir.resolve("_manifest.json"), manifest.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String file(String name, String content, Charset cs, int rows) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content.getBytes(cs));
        return "{\"name\":\"" + name + "\",\"rows\":" + rows + ",\"sha256\":\"" + DropVerifier.sha256(f) + "\"}";
    }

    private static String quote(Object v) {
        if (v == null) return "";
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
