package org.csc.etl.quality;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * The safeguarding unit's ICPC tracker and the interim dental log as views (dq_icpc_log_raw,
 * dq_dental_log_raw), read straight from the landing area: the reconciliation rules report a
 * finding under the log's own reference (CHILD_REF|date), which is how the unit finds the row.
 * A missing log is an empty view (the council may not keep one); an unreadable date is kept as null.
 */
public final class ManualLogs {
    static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    static final StructType ICPC = new StructType().add("line", DataTypes.LongType).add("child_ref", DataTypes.StringType)
            .add("strategy_date", DataTypes.DateType).add("icpc_date", DataTypes.DateType).add("within_15_days", DataTypes.StringType)
            .add("icpc_raw", DataTypes.StringType);
    static final StructType DENTAL = new StructType().add("line", DataTypes.LongType).add("child_ref", DataTypes.StringType)
            .add("check_date", DataTypes.DateType).add("check_raw", DataTypes.StringType);

    private ManualLogs() {}

    public static void register(SparkSession spark, WarehouseConfig config) {
        Path manual = config.path("landing.dir").resolve("manual");
        List<Row> icpc = new ArrayList<>();
        for (CSVRecord r : read(manual.resolve("icpc_tracker.csv"))) {
            icpc.add(RowFactory.create(r.getRecordNumber() + 1, get(r, "CHILD_REF"), date(get(r, "STRATEGY_DATE")),
                    date(get(r, "ICPC_DATE")), get(r, "WITHIN_15_DAYS"), get(r, "ICPC_DATE")));
        }
        spark.createDataFrame(icpc, ICPC).createOrReplaceTempView("dq_icpc_log_raw");
        List<Row> dental = new ArrayList<>();
        for (CSVRecord r : read(manual.resolve("dental_checks.csv"))) {
            dental.add(RowFactory.create(r.getRecordNumber() + 1, get(r, "CHILD_REF"), date(get(r, "CHECK_DATE")), get(r, "CHECK_DATE")));
        }
        spark.createDataFrame(dental, DENTAL).createOrReplaceTempView("dq_dental_log_raw");
        // CHILD_REF is a Care First CLIENT_NO or LL + a Liquid Logic DIM_PERSON_ID.
        String childOf = "LEFT JOIN dq_cf_child cf ON NOT startswith(upper(l.child_ref), 'LL') AND cf.client_no = try_cast(trim(l.child_ref) AS BIGINT) "
                + "LEFT JOIN dq_ll_child ll ON startswith(upper(l.child_ref), 'LL') AND ll.dim_person_id = try_cast(substr(trim(l.child_ref), 3) AS BIGINT) ";
        String teamOf = "LEFT JOIN dq_cf_client_team cft ON cft.client_no = cf.client_no LEFT JOIN dq_ll_person_team llt ON llt.dim_person_id = ll.dim_person_id ";
        String cols = "l.*, coalesce(cf.child_key, ll.child_key) AS child_key, coalesce(cft.team, llt.team, 'UNKNOWN') AS team";
        spark.sql("SELECT " + cols + " FROM dq_icpc_log_raw l " + childOf + teamOf)
                .createOrReplaceTempView("dq_icpc_log");
        spark.sql("SELECT " + cols + " FROM dq_dental_log_raw l " + childOf + teamOf)
                .createOrReplaceTempView("dq_dental_log");
    }

    static String get(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) return null;
        String v = r.get(column).trim();
        return v.isEmpty() ? null : v;
    }

    static Date date(String raw) {
        if (raw == null) return null;
        try {
            return Date.valueOf(LocalDate.parse(raw, UK));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<CSVRecord> read(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        try (InputStream raw = Files.newInputStream(file);
             Reader r = new InputStreamReader(BOMInputStream.builder().setInputStream(raw).get(), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get().parse(r).getRecords();
        } catch (IOException | RuntimeException e) {
            // An unreadable log must not stop the audit; the reconciliation rules then find nothing to compare.
            return List.of();
        }
    }
}
