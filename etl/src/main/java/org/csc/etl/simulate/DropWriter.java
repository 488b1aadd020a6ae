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
 * manifest last so that a reader never sees a half-written drop as complete. A large authority is
 * simulated in shards (Simulator): each shard opens the same table again and its rows are appended
 * to the file, the digest and counts carrying on, so the manifest describes the whole file.
 */
final class DropWriter {
    record FileEntry(String name, long rows, String sha256, long bytes) {}

    private final Path dir;
    private final String system;
    private final String extractDate;
    private final String extractedAt;
    private final String mode;
    /** Per file, in the order first opened: the running digest, rows and bytes across every opening. */
    private final Map<String, FileState> states = new java.util.LinkedHashMap<>();

    private static final class FileState {
        final MessageDigest sha;
        long rows;
        long bytes;

        FileState() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String hex() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) sha.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

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

    /** Every file written so far, with its digest over everything appended to it. */
    List<FileEntry> files() {
        List<FileEntry> out = new ArrayList<>();
        states.forEach((name, st) -> out.add(new FileEntry(name + ".csv", st.rows, st.hex(), st.bytes)));
        return out;
    }

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
        private final FileState state;
        private final CountingStream counter;
        private long rows;

        private Table(String name, List<String> columns, Charset charset, String lineEnd, boolean bom, String nullText) {
            this.name = name;
            this.cells = new String[columns.size()];
            for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
            FileState existing = states.get(name);
            boolean first = existing == null;
            state = first ? new FileState() : existing;
            Path file = dir.resolve(name + ".csv");
            try {
                OutputStream raw = first ? Files.newOutputStream(file)
                        : Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND);
                counter = new CountingStream(new DigestOutputStream(raw, state.sha));
                if (first && bom) counter.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                out = new BufferedWriter(new OutputStreamWriter(counter, charset), 1 << 16);
                CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator(lineEnd)
                        .setQuoteMode(QuoteMode.MINIMAL).setNullString(nullText.isEmpty() ? null : nullText).get();
                printer = new CSVPrinter(out, format);
                if (first) printer.printRecord(columns);
                states.put(name, state);
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
            state.rows += rows;
            state.bytes += counter.count;
        }
    }

    /** Writes the manifest, last; files listed by name so that the bytes are reproducible. */
    void finish() {
        List<FileEntry> files = files();
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
