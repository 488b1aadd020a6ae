package org.csc.cubes.quality;

import org.csc.warehouse.errors.Errors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the audit report shows, read from the published files: dq_results, dq_rule_runs and
 * dq_rules from cubes.duckdb (counts only) and dq_findings from restricted.duckdb. "Open
 * findings" are those of the latest run dated on or before the period's end (or undated).
 * Getters are JavaBean-style because FreeMarker reads them.
 */
public final class DqReportData {
    public record RuleRow(String code, String dimension, String severity, String description, String fix, String dfeCode,
                          long checked, long failed, boolean jumped) {
        public String getCode() { return code; }
        public String getDimension() { return dimension; }
        public String getSeverity() { return severity; }
        public String getDescription() { return description; }
        public String getFix() { return fix; }
        public String getDfeCode() { return dfeCode == null ? "" : dfeCode; }
        public long getChecked() { return checked; }
        public long getFailed() { return failed; }
        public boolean isJumped() { return jumped; }
        public String getPassRate() { return pct(checked - failed, checked); }
        /** Errors weigh three times warnings when choosing what to fix first. */
        public long getPriority() { return failed * (severity.equals("ERROR") ? 3 : 1); }
    }

    public record GroupRow(String name, String team, long checked, long failed) {
        public String getName() { return name; }
        public String getTeam() { return team; }
        public long getChecked() { return checked; }
        public long getFailed() { return failed; }
        public String getPassRate() { return checked == 0 ? "" : pct(checked - failed, checked); }
    }

    public record Finding(String rule, String description, String sourceSystem, String sourceTable, String recordKey, String childKey,
                          String workerKey, String team, LocalDate month, String detail) {}

    private String runId;
    private YearMonth period;
    private long checkedMonth, failedMonth, checked12, failed12;
    private final List<TrendChart.Point> monthlyScore = new ArrayList<>();
    private final List<TrendChart.Point> runFindings = new ArrayList<>();
    private final List<RuleRow> rules = new ArrayList<>();
    private final List<GroupRow> teams = new ArrayList<>();
    private final List<GroupRow> workers = new ArrayList<>();
    private final List<GroupRow> dimensions = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    public static DqReportData load(Path cubesFile, Path restrictedFile, YearMonth period) {
        for (Path p : List.of(cubesFile, restrictedFile)) {
            if (!Files.isRegularFile(p)) {
                throw Errors.of("No published audit at " + p + ".", "The nightly job has not published the data-quality tables yet (or out.dir points elsewhere).",
                        "Run ./csc nightly first, or pass -D out.dir=DIR.");
            }
        }
        DqReportData d = new DqReportData();
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + cubesFile, ro);
             Connection r = DriverManager.getConnection("jdbc:duckdb:" + restrictedFile, ro)) {
            d.runId = one(c, "SELECT max(run_id) FROM dq_rule_runs");
            if (d.runId == null) throw Errors.of("The audit has not run yet.", "dq_rule_runs is empty.", "Run ./csc nightly.");
            String latestMonth = one(c, "SELECT strftime(max(month), '%Y-%m') FROM dq_results WHERE run_id = '" + d.runId + "'");
            d.period = period != null ? period : latestMonth == null ? YearMonth.now() : YearMonth.parse(latestMonth);
            LocalDate start = d.period.atDay(1), end = d.period.atEndOfMonth(), from12 = d.period.minusMonths(11).atDay(1);
            String run = "run_id = '" + d.runId.replace("'", "''") + "'";
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(checked), 0), coalesce(sum(failed), 0), "
                    + "coalesce(sum(checked) FILTER (WHERE month >= ?), 0), coalesce(sum(failed) FILTER (WHERE month >= ?), 0) "
                    + "FROM dq_results WHERE " + run + " AND month BETWEEN ? AND ?")) {
                ps.setObject(1, start);
                ps.setObject(2, start);
                ps.setObject(3, from12);
                ps.setObject(4, end);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    d.checked12 = rs.getLong(1);
                    d.failed12 = rs.getLong(2);
                    d.checkedMonth = rs.getLong(3);
                    d.failedMonth = rs.getLong(4);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT strftime(month, '%Y-%m'), sum(checked), sum(failed) FROM dq_results WHERE "
                    + run + " AND month BETWEEN ? AND ? GROUP BY month ORDER BY month")) {
                ps.setObject(1, from12);
                ps.setObject(2, end);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) d.monthlyScore.add(new TrendChart.Point(rs.getString(1), score(rs.getLong(2), rs.getLong(3))));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT run_id, sum(failed) FROM dq_rule_runs GROUP BY run_id ORDER BY run_id DESC LIMIT 12")) {
                while (rs.next()) d.runFindings.add(0, new TrendChart.Point(shortRun(rs.getString(1)), rs.getLong(2)));
            }
            String upToEnd = run + " AND (month IS NULL OR month <= DATE '" + end + "')";
            try (ResultSet rs = c.createStatement().executeQuery("SELECT q.rule, q.dimension, q.severity, q.description, q.fix, q.dfe_code, "
                    + "coalesce(sum(x.checked), 0), coalesce(sum(x.failed), 0), coalesce(bool_or(j.jumped), false) "
                    + "FROM dq_rules q LEFT JOIN dq_results x ON x.rule = q.rule AND x." + upToEnd
                    + " LEFT JOIN dq_rule_runs j ON j.rule = q.rule AND j." + run
                    + " GROUP BY ALL ORDER BY q.rule")) {
                while (rs.next()) {
                    d.rules.add(new RuleRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getLong(7), rs.getLong(8), rs.getBoolean(9)));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT team, sum(checked), sum(failed) FROM dq_results WHERE " + upToEnd
                    + " GROUP BY team ORDER BY sum(failed) DESC, team")) {
                while (rs.next()) d.teams.add(new GroupRow(rs.getString(1), rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT q.dimension, sum(x.checked), sum(x.failed) FROM dq_results x "
                    + "JOIN dq_rules q ON q.rule = x.rule WHERE x." + upToEnd + " GROUP BY q.dimension ORDER BY q.dimension")) {
                while (rs.next()) d.dimensions.add(new GroupRow(rs.getString(1), null, rs.getLong(2), rs.getLong(3)));
            }
            String findingsWhere = "(month IS NULL OR month <= DATE '" + end + "')";
            try (ResultSet rs = r.createStatement().executeQuery("SELECT worker_key, first(team ORDER BY team), count(*) FROM dq_findings WHERE "
                    + findingsWhere + " AND worker_key IS NOT NULL GROUP BY worker_key ORDER BY count(*) DESC, worker_key LIMIT 25")) {
                while (rs.next()) d.workers.add(new GroupRow(rs.getString(1), rs.getString(2), 0, rs.getLong(3)));
            }
            try (ResultSet rs = r.createStatement().executeQuery("SELECT rule, source_system, source_table, record_key, child_key, worker_key, team, month, detail "
                    + "FROM dq_findings WHERE " + findingsWhere + " ORDER BY team, rule, source_system, source_table, record_key")) {
                while (rs.next()) {
                    RuleRow rule = d.rules.stream().filter(x -> x.code().equals(rs_get(rs, 1))).findFirst().orElse(null);
                    java.sql.Date m = rs.getDate(8);
                    d.findings.add(new Finding(rs.getString(1), rule == null ? "" : rule.description(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), m == null ? null : m.toLocalDate(), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw Errors.of("The audit report cannot read the published tables.", e.getMessage().lines().findFirst().orElse(""),
                    "Run ./csc nightly so that cubes.duckdb and restricted.duckdb hold the dq_ tables.", e);
        }
        return d;
    }

    private static String rs_get(ResultSet rs, int i) {
        try {
            return rs.getString(i);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static double score(long checked, long failed) {
        return checked == 0 ? 100.0 : 100.0 * (checked - failed) / checked;
    }

    static String pct(long part, long whole) {
        return whole == 0 ? "100.0%" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** run-20161002T013012.345Z -> 2016-10-02 01:30 */
    static String shortRun(String runId) {
        String s = runId.startsWith("run-") ? runId.substring(4) : runId;
        if (s.length() >= 13 && s.charAt(8) == 'T') {
            return s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6, 8) + " " + s.substring(9, 11) + ":" + s.substring(11, 13);
        }
        return s;
    }

    public String getRunId() { return runId; }
    public YearMonth yearMonth() { return period; }
    public String getPeriod() { return period.toString(); }
    public String getScoreMonth() { return pct(checkedMonth - failedMonth, checkedMonth); }
    public String getScore12() { return pct(checked12 - failed12, checked12); }
    public long getCheckedMonth() { return checkedMonth; }
    public long getFailedMonth() { return failedMonth; }
    public List<TrendChart.Point> monthlyScore() { return monthlyScore; }
    public List<TrendChart.Point> runFindings() { return runFindings; }
    public List<RuleRow> getRules() { return rules; }
    public List<GroupRow> getTeams() { return teams; }
    public List<GroupRow> getWorkers() { return workers; }
    public List<GroupRow> getDimensions() { return dimensions; }
    public List<Finding> findings() { return findings; }
    public long getOpenFindings() { return findings.size(); }

    public List<RuleRow> getWorstRules(int n) {
        return rules.stream().filter(r -> r.failed() > 0).sorted((a, b) -> Long.compare(b.failed(), a.failed())).limit(n).toList();
    }

    public List<RuleRow> getFixFirst(int n) {
        return rules.stream().filter(r -> r.failed() > 0).sorted((a, b) -> Long.compare(b.getPriority(), a.getPriority())).limit(n).toList();
    }

    public List<RuleRow> getJumps() {
        return rules.stream().filter(RuleRow::jumped).toList();
    }
}
