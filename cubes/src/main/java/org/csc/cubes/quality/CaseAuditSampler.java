package org.csc.cubes.quality;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.etl.ledger.DropLedger;
import org.csc.etl.quality.AuditCohorts;
import org.csc.etl.quality.StratifiedSample;
import org.csc.warehouse.calendar.DateDimension;
import org.csc.warehouse.calendar.WorkingCalendar;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;
import org.csc.warehouse.lake.Lake;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws a case-audit sample from a cohort of the conformed star and writes it to the restricted
 * output (it names records: owner-only). Stdout gets counts by team, never keys.
 */
public final class CaseAuditSampler {
    public record Result(AuditCohorts cohort, LocalDate asAt, int cohortSize, int sampled, Map<String, Integer> byTeam, Path file) {}

    record Candidate(String sourceSystem, String sourceKey, String childKey, String workerKey, String team, String detail) {}

    private static final Pattern TABLES = Pattern.compile("\\b(fct_[a-z_]+|dim_date)\\b");

    private final SparkSession spark;
    private final WarehouseConfig config;

    public CaseAuditSampler(SparkSession spark, WarehouseConfig config) {
        this.spark = spark;
        this.config = config;
    }

    public Result sample(AuditCohorts cohort, int n, long seed, LocalDate asAt) {
        if (n <= 0) throw Errors.of("--n must be at least 1.", "A sample of " + n + " cases was asked for.", "Pass e.g. --n 20.");
        Lake lake = new Lake(spark, config);
        LocalDate at = asAt != null ? asAt : latestExtract(lake);
        String sql = cohort.sql(at, config.integer("dq.audit.assessment.wd"));
        Matcher m = TABLES.matcher(sql);
        while (m.find()) register(lake, m.group(1));
        List<Candidate> cases = spark.sql(sql).collectAsList().stream()
                .map(r -> new Candidate(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4) == null ? "UNKNOWN" : r.getString(4),
                        r.getString(5))).toList();
        List<Candidate> drawn = StratifiedSample.draw(cases, c -> new StratifiedSample.Case(c.team(), c.sourceSystem() + ":" + c.sourceKey()), n, seed);
        Map<String, Integer> byTeam = new TreeMap<>();
        drawn.forEach(c -> byTeam.merge(c.team(), 1, Integer::sum));
        Path dir = config.path("out.dir").resolve("restricted");
        Path file = dir.resolve("audit-sample-" + cohort.name().toLowerCase() + "-" + at + "-seed" + seed + ".csv");
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                         .setHeader("cohort", "as_at", "seed", "team", "source_system", "record_key", "child_key", "worker_key", "detail").get())) {
                for (Candidate c : drawn) {
                    p.printRecord(cohort.name().toLowerCase(), at, seed, c.team(), c.sourceSystem(), c.sourceKey(), c.childKey(), c.workerKey(), c.detail());
                }
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw Errors.io("write the case-audit sample", file, e);
        }
        return new Result(cohort, at, cases.size(), drawn.size(), byTeam, file);
    }

    private void register(Lake lake, String table) {
        if (spark.catalog().tableExists(table)) return;
        if (lake.exists(table)) {
            lake.read(table).createOrReplaceTempView(table);
        } else if (table.equals(DateDimension.TABLE)) {
            DateDimension.build(spark, WorkingCalendar.from(config)).createOrReplaceTempView(table);
        } else {
            throw Errors.of("The lake has no " + table + " yet, which this cohort is drawn from.",
                    "The conformed star is built by the nightly job; this table has not been built (or lake.dir points elsewhere).",
                    "Run ./csc nightly, or pass -D lake.dir=DIR.");
        }
    }

    private static LocalDate latestExtract(Lake lake) {
        if (!lake.exists(DropLedger.TABLE)) {
            throw Errors.of("No drops have been applied yet.", "The drop ledger is empty.", "Run ./csc nightly, or pass --as-at yyyy-MM-dd.");
        }
        Row r = lake.read(DropLedger.TABLE).where("status = 'APPLIED'").selectExpr("max(extract_date)").head();
        if (r.isNullAt(0)) throw Errors.of("No drops have been applied yet.", "The drop ledger lists none applied.", "Pass --as-at yyyy-MM-dd.");
        return r.getDate(0).toLocalDate();
    }
}
