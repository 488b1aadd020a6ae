package org.csc.cubes.nightly;

import org.csc.etl.testing.DropBuilder;
import org.csc.etl.testing.Fixtures;
import org.csc.etl.testing.Journeys;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.lake.LakeLock;
import org.csc.warehouse.spark.Spark;
import org.csc.etl.testing.TestSpark;
import org.csc.warehouse.config.WarehouseConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first vertical slice on the hand-built fixture (etl test resources landing/small, made by
 * make_small.py): two Care First FULL drops, a Liquid Logic FULL at go-live, two DELTAs and a drop
 * still being written. Expected values were worked out by hand from those files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyJobTest {
    @TempDir static Path tmp;
    static WarehouseConfig config;
    static List<String> log = new ArrayList<>();
    static NightlyJob.Summary first;

    @BeforeAll
    static void runOnce() throws Exception {
        TestSpark.session(); // scratch outside this class's @TempDir: the session outlives the class
        Fixtures.copyLanding("small", tmp.resolve("landing"));
        config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).override("report.from", "2016-01").build();
        first = new NightlyJob(config, log::add, Clock.systemUTC()).run();
    }

    static Map<String, Double> query(String file, String sql) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("out").resolve(file));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.put(rs.getString(1), rs.getObject(2) == null ? null : rs.getDouble(2));
        }
        return out;
    }

    @Test
    @Order(1)
    void countsAddUpPerFileAndTheBadDateIsQuarantined() {
        assertThat(first.changed()).isTrue();
        var applied = first.staging().entries().stream().filter(e -> e.file() != null && e.status().name().equals("APPLIED")).toList();
        assertThat(applied).allSatisfy(e -> assertThat(e.received()).isEqualTo(e.staged() + e.quarantined()));
        var cfContacts = applied.stream().filter(e -> e.dropId().equals("carefirst/2016-03-31") && e.file().equals("CONTACTS.csv")).findFirst().orElseThrow();
        assertThat(cfContacts.received()).isEqualTo(7);
        assertThat(cfContacts.quarantined()).isEqualTo(1);
        // The February FULL is superseded by March's in the same run: verified, not parsed.
        assertThat(first.staging().dropsSuperseded()).isEqualTo(1);
        assertThat(first.staging().dropsApplied()).isEqualTo(4);
        assertThat(log).anyMatch(l -> l.contains("liquidlogic/2016-04-05") && l.contains("skipped"));
        assertThat(log).anyMatch(l -> l.contains("CONTACTS.csv") && l.contains("line 5") && l.contains("CONTACT_DATE"));
    }

    @Test
    @Order(2)
    void contactsByMonthCountEachContactOnceAcrossSystems() throws Exception {
        Map<String, Double> month = query("cubes.duckdb", "SELECT strftime(period_end, '%Y-%m'), numerator FROM kpi_values "
                + "WHERE kpi_code = 'contacts' AND period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' ORDER BY 1");
        // Jan: 70001, 70002 (CF 5001/5002 are the same events); Feb: 70003 (= CF 5003 of merged client 1004) and
        // CF-only 5005; Mar: 70006 (= CF 5006, matched by name and DOB), 70007; Apr: 70008, 70009 (70010 deleted).
        assertThat(month).containsExactly(Map.entry("2016-01", 2.0), Map.entry("2016-02", 2.0), Map.entry("2016-03", 2.0), Map.entry("2016-04", 2.0));
        Map<String, Double> ytd = query("cubes.duckdb", "SELECT strftime(period_end, '%Y-%m'), numerator FROM kpi_values "
                + "WHERE kpi_code = 'contacts' AND period_type = 'MONTH' AND basis = 'YTD' AND area = 'All' ORDER BY 1");
        assertThat(ytd).containsExactly(Map.entry("2016-01", 2.0), Map.entry("2016-02", 4.0), Map.entry("2016-03", 6.0), Map.entry("2016-04", 2.0));
        Map<String, Double> quarter = query("cubes.duckdb", "SELECT period_type, numerator FROM kpi_values "
                + "WHERE kpi_code = 'contacts' AND period_type IN ('QUARTER', 'YEAR') AND basis IN ('QUARTER', 'YEAR') AND area = 'All'");
        assertThat(quarter).containsEntry("QUARTER", 6.0).containsEntry("YEAR", 6.0);
    }

    @Test
    @Order(3)
    void contactsByAreaAndTeamUseTheTeamMapping() throws Exception {
        Map<String, Double> feb = query("cubes.duckdb", "SELECT area || '/' || team, numerator FROM kpi_values "
                + "WHERE kpi_code = 'contacts' AND period_type = 'MONTH' AND basis = 'MONTH' AND period_end = DATE '2016-02-29' "
                + "AND team <> 'All' ORDER BY 1");
        assertThat(feb).containsExactly(Map.entry("Area 1/Locality Team 1", 1.0), Map.entry("UNKNOWN/UNKNOWN", 1.0));
        Map<String, Double> areas = query("cubes.duckdb", "SELECT area, numerator FROM kpi_values WHERE kpi_code = 'contacts' "
                + "AND period_type = 'MONTH' AND basis = 'MONTH' AND period_end = DATE '2016-04-30' AND team = 'All' AND area <> 'All' ORDER BY 1");
        assertThat(areas).containsExactly(Map.entry("Area 2", 1.0), Map.entry("Area 3", 1.0));
    }

    @Test
    @Order(4)
    void contactToReferralKeepsNumeratorAndDenominator() throws Exception {
        Map<String, Double> pct = query("cubes.duckdb", "SELECT strftime(period_end, '%Y-%m') || ' ' || numerator || '/' || denominator, value "
                + "FROM kpi_values WHERE kpi_code = 'contact_to_referral_pct' AND period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' ORDER BY 1");
        // 70008 was a referral in the FULL drop, corrected to NFA by the next DELTA.
        assertThat(pct).containsExactly(Map.entry("2016-01 1.0/2.0", 50.0), Map.entry("2016-02 1.0/2.0", 50.0),
                Map.entry("2016-03 1.0/2.0", 50.0), Map.entry("2016-04 0.0/2.0", 0.0));
    }

    @Test
    @Order(5)
    void identityMatchesAreReportedAndRestrictedFileIsOwnerOnly() throws Exception {
        Map<String, Double> rules = query("restricted.duckdb", "SELECT system || ':' || source_id || ':' || rule, 1 FROM identity_matches ORDER BY 1");
        assertThat(rules.keySet()).contains("carefirst:1004:CF_MERGED_INTO_SURVIVOR", "liquidlogic:9001:LEGACY_ID",
                "liquidlogic:9005:NAME_AND_DOB", "liquidlogic:9007:NEW_IN_LIQUIDLOGIC");
        Map<String, Double> keys = query("restricted.duckdb", "SELECT source_id::VARCHAR, 1 FROM identity_matches "
                + "WHERE child_key = (SELECT child_key FROM identity_matches WHERE system = 'carefirst' AND source_id = 1002)");
        assertThat(keys.keySet()).containsExactlyInAnyOrder("1002", "1004", "9002");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("out/restricted.duckdb")))).isEqualTo("rw-------");
    }

    @Test
    @Order(6)
    void publishedCubesHoldNoRecordKeysOrNames() throws Exception {
        Map<String, Double> cols = query("cubes.duckdb", "SELECT table_name || '.' || column_name, 1 FROM information_schema.columns");
        assertThat(cols.keySet()).noneMatch(c -> c.contains("child_key") || c.contains("member_key") || c.contains("name_norm"));
        assertThat(cols.keySet()).contains("kpi_values.numerator", "kpi_values.denominator", "kpi_catalog.polarity");
    }

    @Test
    @Order(6)
    void theAuditRunsInTheNightlyAndPublishesCountsOpenlyAndFindingsRestricted() throws Exception {
        assertThat(log).anyMatch(l -> l.startsWith("[quality]") && l.contains("rules run"));
        Map<String, Double> rules = query("cubes.duckdb", "SELECT 'n', count(DISTINCT rule) FROM dq_rule_runs");
        // The slice's star has contacts only: rules over other star tables are skipped until conform builds them.
        assertThat(rules.get("n")).isGreaterThanOrEqualTo(40.0);
        Map<String, Double> sums = query("cubes.duckdb", "SELECT 'failed', sum(failed) FROM dq_results");
        Map<String, Double> findings = query("restricted.duckdb", "SELECT 'failed', count(*) FROM dq_findings");
        assertThat(sums.get("failed")).isEqualTo(findings.get("failed")).isGreaterThan(0.0);
        Map<String, Double> cols = query("cubes.duckdb", "SELECT table_name || '.' || column_name, 1 FROM information_schema.columns WHERE table_name LIKE 'dq_%'");
        assertThat(cols.keySet()).noneMatch(c -> c.contains("record_key") || c.contains("child_key") || c.contains("worker_key"));
    }

    @Test
    @Order(7)
    void aSecondRunWithNoNewDropsChangesNothing() throws Exception {
        Path cubes = tmp.resolve("out/cubes.duckdb");
        long before = Files.getLastModifiedTime(cubes).toMillis();
        List<String> second = new ArrayList<>();
        NightlyJob.Summary s = new NightlyJob(config, second::add, Clock.systemUTC()).run();
        assertThat(s.changed()).isFalse();
        assertThat(second).anyMatch(l -> l.startsWith("No new drops"));
        // The job count the bench reports: a run with nothing to do starts a handful (the ledger), not the nightly's hundreds.
        assertThat(first.sparkJobs()).isGreaterThan(100);
        assertThat(s.sparkJobs()).isBetween(1L, first.sparkJobs() / 10);
        assertThat(Files.getLastModifiedTime(cubes).toMillis()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void aDropLeftWithoutItsManifestForADayNeedsAPersonEvenWhenNothingElseChanged() throws Exception {
        Path waiting = tmp.resolve("landing/liquidlogic/2016-04-05");
        List<Path> files;
        try (var s = Files.list(waiting)) {
            files = new ArrayList<>(s.toList());
        }
        files.add(waiting);
        Map<Path, java.nio.file.attribute.FileTime> was = new LinkedHashMap<>();
        for (Path p : files) was.put(p, Files.getLastModifiedTime(p));
        try {
            java.nio.file.attribute.FileTime dayAndHalfAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(36)));
            for (Path p : files) Files.setLastModifiedTime(p, dayAndHalfAgo);
            NightlyJob.Summary s = new NightlyJob(config, l -> {}, Clock.systemUTC()).run();
            assertThat(s.changed()).isFalse();
            assertThat(s.attention()).singleElement().asString().startsWith("liquidlogic/2016-04-05 has had no manifest for 36 hours");
        } finally {
            for (Map.Entry<Path, java.nio.file.attribute.FileTime> e : was.entrySet()) Files.setLastModifiedTime(e.getKey(), e.getValue());
        }
    }

    @Test
    @Order(8)
    void aNightWithOnlyNewContactsRecomputesOnlyWhatReadsThem() throws Exception {
        Lake lake = new Lake(Spark.session(config), config);
        // The DELTA of 3 April deleted contact 70010 (delivered the day before, in the same run): staging keeps
        // the row, marked, and the fact leaves it out.
        assertThat(lake.read("stg_liquidlogic__fact_contacts").where("fact_contact_id = 70010 AND _deleted_at IS NOT NULL").count()).isEqualTo(1);
        new DropBuilder(tmp.resolve("landing"), "liquidlogic", java.time.LocalDate.of(2016, 4, 4), "DELTA")
                .row("FACT_CONTACTS", Journeys.r("FACT_CONTACT_ID", 70012, "DIM_PERSON_ID", 9003, "CONTACT_DTTM", "2016-04-04 10:00:00.000",
                        "DIM_LOOKUP_CONT_SORC_ID", "2A", "OUTCOME_ADVICE_FLAG", "Y", "DIM_DEPARTMENT_ID", 3, "CREATED_DTTM", "2016-04-04 11:00:00.000"))
                .write();
        List<String> fourth = new ArrayList<>();
        NightlyJob.Summary s = new NightlyJob(config, fourth::add, Clock.systemUTC()).run();
        assertThat(s.changed()).isTrue();
        String reused = fourth.stream().filter(l -> l.startsWith("[conform] unchanged")).findFirst().orElseThrow();
        List<String> names = java.util.Arrays.stream(reused.substring(reused.indexOf(':') + 1).split(",")).map(String::trim).toList();
        // fct_referral reads the contacts too: a Care First referral links to the Liquid Logic twin of its contact.
        assertThat(names).contains("map_child", "dim_child", "fct_assessment", "fct_episode", "dim_team")
                .doesNotContain("fct_contact", "fct_referral", "fct_child_month");
        // The audit too: Care First's contact rule keeps last night's outcome; the rules reading Liquid Logic contacts run.
        String kept = fourth.stream().filter(l -> l.contains("rules read nothing that changed since")).findFirst().orElseThrow();
        List<String> keptRules = java.util.Arrays.stream(kept.substring(kept.lastIndexOf(':') + 1).split(",")).map(String::trim).toList();
        assertThat(keptRules).contains("CMP01", "CMP05", "UNQ01").doesNotContain("CMP02", "TIM01", "VAL12", "CON12");
        Map<String, Double> apr = query("cubes.duckdb", "SELECT 'n', numerator FROM kpi_values WHERE kpi_code = 'contacts' "
                + "AND period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' AND period_end = DATE '2016-04-30'");
        assertThat(apr).containsEntry("n", 3.0);
    }

    @Test
    @Order(9)
    void aDamagedDropIsRejectedWholeNamingTheFile() throws Exception {
        Path drop = tmp.resolve("landing/liquidlogic/2016-04-05");
        // Complete the waiting drop, then damage its file after the manifest was written.
        String csv = Files.readString(drop.resolve("FACT_CONTACTS.csv"));
        Files.writeString(drop.resolve("_manifest.json"), "{\"system\":\"liquidlogic\",\"extract_date\":\"2016-04-05\",\"mode\":\"DELTA\","
                + "\"files\":[{\"name\":\"FACT_CONTACTS.csv\",\"rows\":1,\"sha256\":\"" + org.csc.etl.landing.DropVerifier.sha256(drop.resolve("FACT_CONTACTS.csv")) + "\"}]}");
        Files.writeString(drop.resolve("FACT_CONTACTS.csv"), csv.replace("2016-04-05", "2016-04-06"));
        List<String> third = new ArrayList<>();
        NightlyJob.Summary s = new NightlyJob(config, third::add, Clock.systemUTC()).run();
        assertThat(s.changed()).isFalse();
        assertThat(s.staging().dropsRejected()).isEqualTo(1);
        assertThat(s.attention()).singleElement().asString().startsWith("liquidlogic/2016-04-05 was rejected (FACT_CONTACTS.csv: sha256")
                .contains("Ask for it to be re-exported");
        assertThat(first.attention()).isEmpty();
        assertThat(third).anyMatch(l -> l.contains("liquidlogic/2016-04-05") && l.contains("REJECTED") && l.contains("FACT_CONTACTS.csv")
                && l.contains("sha256"));
        Map<String, Double> apr = query("cubes.duckdb", "SELECT 'n', numerator FROM kpi_values WHERE kpi_code = 'contacts' "
                + "AND period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' AND period_end = DATE '2016-04-30'");
        assertThat(apr).containsEntry("n", 3.0);
    }

    @Test
    @Order(10)
    void aRebuildFromTheLandingAreaGivesTheSameStar() throws Exception {
        Lake lake = new Lake(Spark.session(config), config);
        List<String> tables = List.of("fct_contact", "map_child", "dim_child", "dim_team", "fct_child_month", "dq_unmapped_values", "identity_match_report");
        Map<String, List<String>> before = snapshot(lake, tables);
        List<String> log = new ArrayList<>();
        NightlyJob.Summary s = new NightlyJob(config, log::add, Clock.systemUTC()).rebuild();
        assertThat(s.changed()).isTrue();
        assertThat(snapshot(lake, tables)).isEqualTo(before);
        assertThat(before.get("fct_contact")).hasSize(9);
    }

    @Test
    @Order(11)
    void aChangeOnlyToTheHrFileRunsConformWithoutADrop() throws Exception {
        Path hr = tmp.resolve("landing/hr");
        Files.createDirectories(hr);
        Files.writeString(hr.resolve("sickness.csv"), "MONTH,SERVICE,FTE,DAYS_LOST\n2016-04,Children's Social Care,10,5\n");
        List<String> log = new ArrayList<>();
        NightlyJob.Summary s = new NightlyJob(config, log::add, Clock.systemUTC()).run();
        assertThat(s.changed()).isTrue();
        assertThat(log).anyMatch(l -> l.contains("manual/HR files changed"));
        String reused = log.stream().filter(l -> l.startsWith("[conform] unchanged")).findFirst().orElseThrow();
        assertThat(reused).contains("fct_contact").doesNotContain("fct_sickness");
        Map<String, Double> apr = query("cubes.duckdb", "SELECT 'v', value FROM kpi_values WHERE kpi_code = 'sickness_days_per_fte' "
                + "AND period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' AND period_end = DATE '2016-04-30'");
        assertThat(apr.get("v")).isEqualTo(0.5);

        List<String> again = new ArrayList<>();
        assertThat(new NightlyJob(config, again::add, Clock.systemUTC()).run().changed()).isFalse();
        // The damaged drop of test 9 is retried each night and rejected again; the HR file is now in the star.
        assertThat(again).anyMatch(l -> l.endsWith("outputs unchanged."));
    }

    @Test
    @Order(12)
    void aRunThatStopsAfterItsExtractIsFinishedByTheNextRunWithoutADrop() throws Exception {
        // The damaged drop of test 9 is re-delivered intact: its one contact (70011) is an April contact.
        Path drop = tmp.resolve("landing/liquidlogic/2016-04-05");
        Files.writeString(drop.resolve("_manifest.json"), "{\"system\":\"liquidlogic\",\"extract_date\":\"2016-04-05\",\"mode\":\"DELTA\","
                + "\"files\":[{\"name\":\"FACT_CONTACTS.csv\",\"rows\":1,\"sha256\":\""
                + org.csc.etl.landing.DropVerifier.sha256(drop.resolve("FACT_CONTACTS.csv")) + "\"}]}");
        // A configuration error that conform finds stops the run after the drop is staged and in the ledger.
        WarehouseConfig broken = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).override("report.from", "2016-01")
                .override("caseload.max.SW", "eighteen").build();
        assertThatThrownBy(() -> new NightlyJob(broken, s -> {}, Clock.systemUTC()).run()).hasMessageContaining("caseload.max.SW");
        Lake lake = new Lake(Spark.session(config), config);
        assertThat(lake.read("stg_liquidlogic__fact_contacts").where("fact_contact_id = 70011").count()).isEqualTo(1);
        String aprilContacts = "SELECT 'n', numerator FROM kpi_values WHERE kpi_code = 'contacts' "
                + "AND period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' AND period_end = DATE '2016-04-30'";
        assertThat(query("cubes.duckdb", aprilContacts)).containsEntry("n", 3.0);

        // The runs since test 10's rebuild rewrote tables and left their old versions' files. The finishing run also
        // does the housekeeping, due at every run here and keeping no old version.
        assertThat(parquetBytes(tmp.resolve("lake"))).isGreaterThan(liveBytes(lake));
        WarehouseConfig vacuumEveryRun = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).override("report.from", "2016-01")
                .override("lake.vacuum.every.days", "0").override("lake.vacuum.retain.hours", "0").override("dq.results.keep.runs", "2").override("lake.compact.min.files", "2")
                .override("housekeeping.spark.spark.databricks.delta.retentionDurationCheck.enabled", "false").build();
        // The ledger has a file per run that applied or rejected a drop; compacted to one, its rows unchanged.
        assertThat(lake.fileCount("etl_drop_ledger")).isGreaterThan(2);
        List<String> ledger = snapshot(lake, List.of("etl_drop_ledger")).get("etl_drop_ledger");
        List<String> next = new ArrayList<>();
        NightlyJob.Summary s = new NightlyJob(vacuumEveryRun, next::add, Clock.systemUTC()).run();
        assertThat(s.changed()).isTrue();
        assertThat(next).anyMatch(l -> l.startsWith("No new drops since the last run, but the drops applied by run-") && l.contains("did not finish"));
        assertThat(query("cubes.duckdb", aprilContacts)).containsEntry("n", 4.0);
        assertThat(next).anyMatch(l -> l.startsWith("[housekeeping] removed ") && !l.startsWith("[housekeeping] removed 0.0 MB"));
        assertThat(parquetBytes(tmp.resolve("lake"))).isEqualTo(liveBytes(lake));
        assertThat(next).anyMatch(l -> l.startsWith("[housekeeping] removed ") && l.contains("compacted ") && l.contains("etl_drop_ledger"));
        assertThat(lake.fileCount("etl_drop_ledger")).isEqualTo(1);
        // This run's ledger rows are none (no drop applied); the compaction moved the others unchanged.
        assertThat(snapshot(lake, List.of("etl_drop_ledger")).get("etl_drop_ledger")).isEqualTo(ledger);
        // dq_results keeps the last two runs' results (published from the next run on); dq_rule_runs every run's totals.
        assertThat(next).anyMatch(l -> l.startsWith("[housekeeping] dq_results: removed the results of ") && l.contains("older than the last 2"));
        assertThat(lake.read("dq_results").select("run_id").distinct().count()).isEqualTo(2);
        assertThat(lake.read("dq_results").where("run_id = '" + s.runId() + "'").count()).isGreaterThan(0);
        assertThat(lake.read("dq_rule_runs").select("run_id").distinct().count()).isGreaterThan(2);
        assertThat(lake.read("fct_contact").where("contact_key = 'LL-70011'").count()).isEqualTo(1);

        List<String> after = new ArrayList<>();
        assertThat(new NightlyJob(config, after::add, Clock.systemUTC()).run().changed()).isFalse();
        assertThat(after).anyMatch(l -> l.contains("nothing to do, outputs unchanged."));
    }

    @Test
    @Order(13)
    void aRunWhileAnotherHoldsTheLakeStopsNamingItAndChangesNothing() throws Exception {
        Path cubes = tmp.resolve("out/cubes.duckdb");
        long before = Files.getLastModifiedTime(cubes).toMillis();
        try (LakeLock running = LakeLock.acquire(config.path("lake.dir"), "run-still-going")) {
            assertThatThrownBy(() -> new NightlyJob(config, s -> {}, Clock.systemUTC()).run())
                    .hasMessageContaining("Another run is writing the lake").hasMessageContaining("run-still-going");
            assertThatThrownBy(() -> new NightlyJob(config, s -> {}, Clock.systemUTC()).rebuild())
                    .hasMessageContaining("run-still-going");
        }
        assertThat(new Lake(Spark.session(config), config).exists("fct_contact")).isTrue();
        assertThat(Files.getLastModifiedTime(cubes).toMillis()).isEqualTo(before);
    }

    /** Bytes of the files the lake's tables' current versions read. */
    static long liveBytes(Lake lake) {
        return lake.tables().stream().mapToLong(lake::sizeOnDisk).sum();
    }

    static long parquetBytes(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static Map<String, List<String>> snapshot(Lake lake, List<String> tables) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String t : tables) {
            List<String> rows = new ArrayList<>(lake.read(t).collectAsList().stream().map(Object::toString).toList());
            rows.sort(null);
            out.put(t, rows);
        }
        return out;
    }
}
