package org.csc.etl.stage;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.csc.etl.landing.Drop;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.source.ValueException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads one table file of a drop with its system's conventions and casts every value to the
 * contract type. Staging renames and casts, nothing else: no business rules here. A row that
 * cannot be cast is quarantined whole with the first reason; nothing is dropped silently.
 */
public final class FileStager {
    private FileStager() {}

    /** Stages a file and keeps its rows in {@link StagedFile#rows()}: for small files and tests. */
    public static StagedFile stage(SourceSystem system, Drop drop, SourceContract.Table table, Path file) {
        List<Row> rows = new ArrayList<>();
        StagedFile f = stage(system, drop, table, file, rows::add);
        return new StagedFile(f.drop(), f.file(), f.table(), f.received(), f.staged(), rows, f.quarantined(), f.fileProblem());
    }

    /**
     * Stages a file, handing each staged row to {@code sink} as it is read, so a file of any size
     * needs memory for one row (the sink decides what to keep). A failure inside the sink is the
     * caller's and propagates; only reading and parsing failures become the file's problem.
     */
    public static StagedFile stage(SourceSystem system, Drop drop, SourceContract.Table table, Path file, Consumer<Row> sink) {
        String fileName = file.getFileName().toString();
        List<QuarantineRow> quarantine = new ArrayList<>();
        long received = 0;
        long staged = 0;
        Date extractDate = Date.valueOf(drop.extractDate());
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = BOMInputStream.builder().setInputStream(raw).get();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, system.charset()), 1 << 16);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setAllowMissingColumnNames(true).setIgnoreSurroundingSpaces(false).get().parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            List<SourceContract.Column> cols = table.columns();
            int[] positions = new int[cols.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                Integer pos = header.get(cols.get(i).name());
                positions[i] = pos == null ? -1 : pos;
                if (pos == null) missing.add(cols.get(i).name());
            }
            String keyColumn = table.primaryKey().get(0);
            Integer keyPos = header.get(keyColumn);
            for (CSVRecord rec : parser) {
                received++;
                long line = rec.getRecordNumber() + 1; // header is line 1
                String key = keyPos != null && keyPos < rec.size() ? rec.get(keyPos) : null;
                if (!missing.isEmpty()) {
                    quarantine.add(new QuarantineRow(drop.id(), fileName, line, key, String.join(",", missing), null,
                            "column(s) listed in the contract are missing from the file header"));
                    continue;
                }
                Object[] values = new Object[cols.size() + 5];
                StringBuilder unknownLinks = null;
                String failure = null;
                String failedColumn = null;
                String failedValue = null;
                for (int i = 0; i < cols.size() && failure == null; i++) {
                    SourceContract.Column c = cols.get(i);
                    String v = positions[i] < rec.size() ? rec.get(positions[i]) : null;
                    if (v == null) {
                        failure = "the record has fewer fields than the header";
                        failedColumn = c.name();
                        break;
                    }
                    try {
                        values[i] = system.parse(c.type(), v);
                    } catch (ValueException e) {
                        failure = e.getMessage();
                        failedColumn = c.name();
                        failedValue = v;
                    }
                    if (system.isUnknownId(v)) {
                        unknownLinks = unknownLinks == null ? new StringBuilder(c.stagedName()) : unknownLinks.append(',').append(c.stagedName());
                    }
                }
                if (failure == null) {
                    for (String k : table.primaryKey()) {
                        if (values[cols.indexOf(table.column(k))] == null) {
                            failure = "primary key is empty";
                            failedColumn = k;
                        }
                    }
                }
                if (failure != null) {
                    quarantine.add(new QuarantineRow(drop.id(), fileName, line, key, failedColumn, failedValue, failure));
                    continue;
                }
                int n = cols.size();
                values[n] = drop.id();
                values[n + 1] = extractDate;
                values[n + 2] = line;
                values[n + 3] = unknownLinks == null ? null : unknownLinks.toString();
                values[n + 4] = null; // _deleted_at: the row exists at source
                try {
                    sink.accept(RowFactory.create(values));
                } catch (RuntimeException e) {
                    throw new SinkFailed(e);
                }
                staged++;
            }
            return new StagedFile(drop.id(), fileName, table.name(), received, staged, List.of(), quarantine, null);
        } catch (SinkFailed e) {
            throw e.cause;
        } catch (IOException | RuntimeException e) {
            // An unreadable file (bad quoting at EOF, wrong encoding) keeps what was read and says why.
            String why = "file cannot be parsed after " + received + " records: " + e.getMessage();
            return new StagedFile(drop.id(), fileName, table.name(), received, staged, List.of(), quarantine, why);
        }
    }

    /** Carries a sink's failure past the parse-error handling, which must not mistake it for a bad file. */
    private static final class SinkFailed extends RuntimeException {
        final RuntimeException cause;

        SinkFailed(RuntimeException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
