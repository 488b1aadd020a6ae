package org.csc.etl.simulate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The source contract's column lists (contract/*.columns.csv on the classpath), in file order. */
final class Contract {
    record Column(String name, String type) {}

    private final Map<String, List<Column>> tables;

    private Contract(Map<String, List<Column>> tables) { this.tables = tables; }

    static Contract of(String system) {
        String resource = "contract/" + system + ".columns.csv";
        Map<String, List<Column>> t = new LinkedHashMap<>();
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("resource not on the classpath");
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                    t.computeIfAbsent(rec.get("table"), k -> new ArrayList<>()).add(new Column(rec.get("column"), rec.get("type")));
                }
            }
        } catch (IOException e) {
            throw Errors.of("The source contract " + resource + " cannot be read.", e.getMessage(),
                    "Rebuild the etl module; the file lives in etl/src/main/resources/contract/.", e);
        }
        return new Contract(t);
    }

    List<String> tables() { return List.copyOf(tables.keySet()); }

    List<Column> columns(String table) {
        List<Column> c = tables.get(table);
        if (c == null) throw new IllegalArgumentException("table not in contract: " + table);
        return c;
    }
}
