package org.csc.etl.manual;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.etl.source.Conventions;
import org.csc.etl.stage.QuarantineRow;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain CSV files kept outside the case systems (landing/manual/icpc_tracker.csv,
 * landing/manual/dental_checks.csv, landing/hr/sickness.csv): not drops, so no manifest, and they
 * are re-read whole whenever they change. Same discipline as staging: a row that cannot be read
 * goes to quarantine with file, line, column, raw value and reason; per file received = loaded +
 * quarantined. The rows become temp views stg_manual__icpc_tracker, stg_manual__dental_checks and
 * stg_hr__sickness.
 */
public final class ManualSources {
    public static final String QUARANTINE_TABLE = "etl_manual_quarantine";
    public static final Set<String> SERVICES = Set.of("Children's Social Care", "Life Stages 0-25", "Authority");
    private static final DateTimeFormatter UK = Conventions.strict("dd/MM/yyyy");
    private static final Pattern CHILD_REF = Pattern.compile("^(?:(LL)([0-9]+)|([0-9]+))$", Pattern.CASE_INSENSITIVE);

    public record FileCount(String file, boolean present, long received, long loaded, long quarantined) {}

    public record Result(List<FileCount> counts, List<QuarantineRow> quarantine, String fingerprint) {}

    private record Source(String folder, String name, String view, List<String> columns, StructType schema, RowReader reader) {
        String id() { return folder + "/" + name; }
    }

    @FunctionalInterface
    private interface RowReader {
        /** Values for the view's columns (without _drop and _line); throws Bad when a value cannot be read. */
        Object[] read(CSVRecord r) throws Bad;
    }

    private static final class Bad extends Exception {
        final String column;
        final String value;

        Bad(String column, String value, String reason) {
            super(reason, null, false, false);
            this.column = column;
            this.value = value;
        }
    }

    private static final StructType ICPC = new StructType().add("ref_system", DataTypes.StringType).add("ref_id", DataTypes.LongType)
            .add("strategy_date", DataTypes.DateType).add("icpc_date", DataTypes.DateType)
            .add("within_15_days", DataTypes.BooleanType).add("comments", DataTypes.StringType);
    private static final StructType DENTAL = new StructType().add("ref_system", DataTypes.StringType).add("ref_id", DataTypes.LongType)
            .add("check_date", DataTypes.DateType).add("recorded_by", DataTypes.StringType);
    private static final StructType SICKNESS = new StructType().add("month", DataTypes.StringType).add("service", DataTypes.StringType)
            .add("fte", DataTypes.DoubleType).add("days_lost", DataTypes.DoubleType);

    private static final List<Source> SOURCES = List.of(
            new Source("manual", "icpc_tracker.csv", "stg_manual__icpc_tracker",
                    List.of("CHILD_REF", "STRATEGY_DATE", "ICPC_DATE", "WITHIN_15_DAYS", "COMMENTS"), ICPC, r -> {
                Object[] ref = childRef(r);
                return new Object[]{ref[0], ref[1], date(r, "STRATEGY_DATE", false), date(r, "ICPC_DATE", true), flag(r, "WITHIN_15_DAYS"),
                        blankToNull(r.get("COMMENTS"))};
            }),
            new Source("manual", "dental_checks.csv", "stg_manual__dental_checks",
                    List.of("CHILD_REF", "CHECK_DATE", "RECORDED_BY"), DENTAL, r -> {
                Object[] ref = childRef(r);
                return new Object[]{ref[0], ref[1], date(r, "CHECK_DATE", true), blankToNull(r.get("RECORDED_BY"))};
            }),
            new Source("hr", "sickness.csv", "stg_hr__sickness", List.of("MONTH", "SERVICE", "FTE", "DAYS_LOST"), SICKNESS, r -> {
                String month = r.get("MONTH").trim();
                try {
                    YearMonth.parse(month);
                } catch (DateTimeParseException e) {
                    throw new Bad("MONTH", month, "not a month (yyyy-MM)");
                }
                String service = r.get("SERVICE").trim();
                if (!SERVICES.contains(service)) throw new Bad("SERVICE", service, "not one of " + String.join(" / ", SERVICES));
                return new Object[]{month, service, number(r, "FTE"), number(r, "DAYS_LOST")};
            }));

    private ManualSources() {}

    /** Reads the files under {@code landing} and registers their views; an absent file is an empty view. */
    public static Result register(SparkSession spark, Path landing) {
        List<FileCount> counts = new ArrayList<>();
        List<QuarantineRow> quarantine = new ArrayList<>();
        MessageDigest md = sha256();
        for (Source s : SOURCES) {
            Path file = landing.resolve(s.folder()).resolve(s.name());
            StructType schema = s.schema().add("_drop", DataTypes.StringType).add("_line", DataTypes.LongType);
            List<Row> rows = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                md.update((s.id() + ":absent;").getBytes(StandardCharsets.UTF_8));
                counts.add(new FileCount(s.id(), false, 0, 0, 0));
            } else {
                long received = read(s, file, rows, quarantine, md);
                counts.add(new FileCount(s.id(), true, received, rows.size(), received - rows.size()));
            }
            Dataset<Row> ds = spark.createDataFrame(rows, schema);
            ds.createOrReplaceTempView(s.view());
        }
        return new Result(counts, quarantine, HexFormat.of().formatHex(md.digest()));
    }

    /**
     * The digest {@link #register} records for the files under {@code landing}, read without Spark: lets
     * the nightly notice that only a manual or HR file changed, when no drop arrived.
     */
    public static String fingerprint(Path landing) {
        MessageDigest md = sha256();
        for (Source s : SOURCES) {
            Path file = landing.resolve(s.folder()).resolve(s.name());
            if (!Files.isRegularFile(file)) {
                md.update((s.id() + ":absent;").getBytes(StandardCharsets.UTF_8));
                continue;
            }
            try {
                md.update(s.id().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(file));
            } catch (IOException e) {
                // Unreadable now: a changed state, which register reports as a quarantined row.
                md.update((s.id() + ":unreadable;").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static long read(Source s, Path file, List<Row> rows, List<QuarantineRow> quarantine, MessageDigest md) {
        long received = 0;
        try {
            byte[] bytes = Files.readAllBytes(file);
            md.update(s.id().getBytes(StandardCharsets.UTF_8));
            md.update(bytes);
            try (InputStream in = BOMInputStream.builder().setInputStream(new java.io.ByteArrayInputStream(bytes)).get();
                 Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(reader)) {
                Map<String, Integer> header = parser.getHeaderMap();
                List<String> missing = s.columns().stream().filter(c -> !header.containsKey(c)).toList();
                for (CSVRecord r : parser) {
                    received++;
                    long line = r.getRecordNumber() + 1;
                    String key = r.size() > 0 ? r.get(0) : null;
                    if (!missing.isEmpty()) {
                        quarantine.add(new QuarantineRow(s.id(), s.name(), line, key, String.join(",", missing), null,
                                "column(s) the file must have are missing from its header"));
                        continue;
                    }
                    if (!r.isConsistent()) {
                        quarantine.add(new QuarantineRow(s.id(), s.name(), line, key, null, null, "the record has a different number of fields than the header"));
                        continue;
                    }
                    try {
                        Object[] v = s.reader().read(r);
                        Object[] all = new Object[v.length + 2];
                        System.arraycopy(v, 0, all, 0, v.length);
                        all[v.length] = s.id();
                        all[v.length + 1] = line;
                        rows.add(RowFactory.create(all));
                    } catch (Bad b) {
                        quarantine.add(new QuarantineRow(s.id(), s.name(), line, key, b.column, b.value, b.getMessage()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            quarantine.add(new QuarantineRow(s.id(), s.name(), received + 2, null, null, null,
                    "file cannot be read after " + received + " records: " + e.getMessage()));
            received++;
        }
        return received;
    }

    private static Object[] childRef(CSVRecord r) throws Bad {
        String raw = r.get("CHILD_REF").trim();
        Matcher m = CHILD_REF.matcher(raw);
        if (!m.matches()) throw new Bad("CHILD_REF", raw, "neither a Care First client number nor LL + a Liquid Logic person id");
        try {
            return m.group(1) != null ? new Object[]{"liquidlogic", Long.parseLong(m.group(2))} : new Object[]{"carefirst", Long.parseLong(m.group(3))};
        } catch (NumberFormatException e) {
            throw new Bad("CHILD_REF", raw, "id too long");
        }
    }

    private static Date date(CSVRecord r, String column, boolean required) throws Bad {
        String raw = r.get(column).trim();
        if (raw.isEmpty()) {
            if (required) throw new Bad(column, raw, "date is required");
            return null;
        }
        try {
            return Date.valueOf(LocalDate.parse(raw, UK));
        } catch (DateTimeParseException e) {
            throw new Bad(column, raw, "not a date (dd/MM/yyyy)");
        }
    }

    private static Boolean flag(CSVRecord r, String column) throws Bad {
        String raw = r.get(column).trim().toUpperCase(Locale.ROOT);
        if (raw.isEmpty()) return null;
        if (raw.equals("Y") || raw.equals("YES")) return true;
        if (raw.equals("N") || raw.equals("NO")) return false;
        throw new Bad(column, raw, "not Y or N");
    }

    private static Double number(CSVRecord r, String column) throws Bad {
        String raw = r.get(column).trim();
        try {
            double d = Double.parseDouble(raw);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) throw new Bad(column, raw, "not a non-negative number");
            return d;
        } catch (NumberFormatException e) {
            throw new Bad(column, raw, "not a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The quarantine as a Delta-ready frame (restricted: holds raw values). */
    public static Dataset<Row> quarantineFrame(SparkSession spark, String runId, List<QuarantineRow> rows) {
        return spark.createDataFrame(rows.stream().map(q -> RowFactory.create(runId, q.drop(), q.file(), q.line(), q.recordKey(),
                q.column(), q.rawValue(), q.reason())).toList(), QuarantineRow.SCHEMA);
    }
}
