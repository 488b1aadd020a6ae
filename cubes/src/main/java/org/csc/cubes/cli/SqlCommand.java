package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.warehouse.errors.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true, description = "Run a query against the published cubes and print a table.")
final class SqlCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Parameters(index = "0", description = "The SQL query; statements before the last (separated by ';'), such as ATTACH, run first.") String query;
    @Option(names = "--restricted", description = "Query restricted.duckdb (record-level drill-down) instead of cubes.duckdb.") boolean restricted;
    @Option(names = "--max-rows", defaultValue = "200", description = "Rows to print (default ${DEFAULT-VALUE}).") int maxRows;

    @Override
    public Integer call() throws SQLException {
        Path dir = parent.config(Map.of()).path("out.dir");
        Path file = dir.resolve(restricted ? NightlyJob.RESTRICTED_FILE : NightlyJob.CUBES_FILE);
        if (!Files.exists(file)) {
            throw Errors.of("No published cubes at " + file + ".", "The nightly job has not published yet (or out.dir points elsewhere).",
                    "Run ./csc demo or ./csc nightly first, or pass -D out.dir=DIR.");
        }
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        List<String> statements = java.util.Arrays.stream(query.split(";")).map(String::trim).filter(q -> !q.isEmpty()).toList();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, p)) {
            for (String sql : statements.subList(0, statements.size() - 1)) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(statements.get(statements.size() - 1))) {
                System.out.print(format(rs, maxRows));
            }
        } catch (SQLException e) {
            throw Errors.of("The query failed.", e.getMessage().lines().findFirst().orElse(""),
                    "Check table and column names: ./csc sql \"SELECT * FROM kpi_catalog\" lists the indicators.", e);
        }
        return 0;
    }

    static String format(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[n];
        for (int i = 0; i < n; i++) head[i] = md.getColumnLabel(i + 1);
        rows.add(head);
        int count = 0;
        boolean more = false;
        while (rs.next()) {
            if (count == maxRows) { more = true; break; }
            String[] r = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                r[i] = v == null ? "" : v.toString();
            }
            rows.add(r);
            count++;
        }
        int[] w = new int[n];
        for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < rows.size(); j++) {
            String[] r = rows.get(j);
            for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : " | ").append(String.format("%-" + Math.max(1, w[i]) + "s", r[i]));
            sb.append('\n');
            if (j == 0) {
                for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : "-+-").append("-".repeat(Math.max(1, w[i])));
                sb.append('\n');
            }
        }
        sb.append("(").append(count).append(count == 1 ? " row" : " rows").append(more ? ", more not shown" : "").append(")\n");
        return sb.toString();
    }
}
