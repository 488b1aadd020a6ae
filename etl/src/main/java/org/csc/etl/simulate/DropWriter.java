package org.csc.etl.simulate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.csc.warehouse.errors.Errors;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes one drop: a CSV per table, streamed with its sha256 computed on the way, then the
 * manifest last so that a reader never sees a half-written drop as complete.
 */
final class DropWriter {
    record FileEntry(String name, long rows, String sha256, long bytes) {}

    private final Path dir;
    private final String system;
    private final String extractDate;
    private final String extractedAt;
    private final String mode;
    private final List<FileEntry> files = new ArrayList<>();

    DropWriter(Path dir, String system, String extractDate, String extractedAt, String mode) {
        this.dir = dir;
        this.system = system;
        this.extractDate = extractDate;
        this.extractedAt = extractedAt;
        this.mode = mode;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Errors.io("create the drop directory", dir, e);
        }
    }

    List<FileEntry> files() { return files; }

    Table table(String name, List<String> columns, Charset charset, String lineEnd, boolean bom, String nullText) {
        return new Table(name, columns, charset, lineEnd, bom, nullText);
    }

    /** One CSV file; cells are set by column name so that each exporter reads like the contract. */
    final class Table implements AutoCloseable {
        private final String name;
        private final Map<String, Integer> index = new HashMap<>();
        private final String[] cells;
        private final Writer out;
        private final CSVPrinter printer;
        private final MessageDigest sha;
        private final CountingStream counter;
        private long rows;

        private Table(String name, List<String> columns, Charset charset, String lineEnd, boolean bom, String nullText) {
            this.name = name;
            this.cells = new String[columns.size()];
            for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Path file = dir.resolve(name + ".csv");
            try {
                counter = new CountingStream(new DigestOutputStream(Files.newOutputStream(file), sha));
                if (bom) counter.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                out = new BufferedWriter(new OutputStreamWriter(counter, charset), 1 << 16);
                CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator(lineEnd)
                        .setQuoteMode(QuoteMode.MINIMAL).setNullString(nullText.isEmpty() ? null : nullText).get();
                printer = new CSVPrinter(out, format);
                printer.printRecord(columns);
            } catch (IOException e) {
                throw Errors.io("write", file, e);
            }
        }

        Table set(String column, Object value) {
            Integer i = index.get(column);
            if (i == null) throw new IllegalArgumentException(name + " has no column " + column);
            cells[i] = value == null ? null : value.toString();
            return this;
        }

        void endRow() {
            try {
                printer.printRecord((Object[]) cells);
                java.util.Arrays.fill(cells, null);
                rows++;
            } catch (IOException e) {
                throw Errors.io("write", dir.resolve(name + ".csv"), e);
            }
        }

        @Override
        public void close() {
            try {
                printer.close(true);
            } catch (IOException e) {
                throw Errors.io("write", dir.resolve(name + ".csv"), e);
            }
            files.add(new FileEntry(name + ".csv", rows, HexFormat.of().formatHex(sha.digest()), counter.count));
        }
    }

    /** Writes the manifest, last; files listed by name so that the bytes are reproducible. */
    void finish() {
        files.sort((a, b) -> a.name().compareTo(b.name()));
        StringBuilder json = new StringBuilder();
        json.append("{\"system\": \"").append(system).append("\", \"extract_date\": \"").append(extractDate)
                .append("\", \"extracted_at\": \"").append(extractedAt).append("\", \"mode\": \"").append(mode)
                .append("\", \"files\": [");
        for (int i = 0; i < files.size(); i++) {
            FileEntry f = files.get(i);
            if (i > 0) json.append(", ");
            json.append("{\"name\": \"").append(f.name()).append("\", \"rows\": ").append(f.rows())
                    .append(", \"sha256\": \"").append(f.sha256()).append("\"}");
        }
        json.append("]}\n");
        Path m = dir.resolve("_manifest.json");
        try {
            Files.writeString(m, json.toString());
        } catch (IOException e) {
            throw Errors.io("write", m, e);
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) { this.out = out; }

        @Override public void write(int b) throws IOException { out.write(b); count++; }
        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); count += len; }
        @Override public void flush() throws IOException { out.flush(); }
        @Override public void close() throws IOException { out.close(); }
    }
}
