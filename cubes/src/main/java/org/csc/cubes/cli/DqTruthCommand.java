package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.etl.quality.RuleCatalog;
import org.csc.etl.quality.TruthComparison;
import org.csc.warehouse.errors.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "dq-truth", mixinStandardHelpOptions = true,
        description = "Compare the latest audit's findings with the simulator's ground truth: recall and precision per defect class.")
final class DqTruthCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--truth", required = true, description = "The simulator's _truth folder (or its defects.csv).") Path truth;
    @Option(names = "--require", description = "Exit 1 when any injected class has recall or precision below this (e.g. 0.95).") Double require;

    @Override
    public Integer call() {
        Path restricted = parent.config(Map.of()).path("out.dir").resolve(NightlyJob.RESTRICTED_FILE);
        if (!Files.isRegularFile(restricted)) {
            throw Errors.of("No published findings at " + restricted + ".", "The nightly job has not run the audit yet.", "Run ./csc nightly first.");
        }
        List<String[]> findings = new ArrayList<>();
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + restricted, ro);
             ResultSet rs = c.createStatement().executeQuery("SELECT rule, source_system, source_table, record_key FROM dq_findings")) {
            while (rs.next()) findings.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        } catch (SQLException e) {
            throw Errors.of("Findings cannot be read from " + restricted + ".", e.getMessage().lines().findFirst().orElse(""), "Run ./csc nightly again.", e);
        }
        var scores = TruthComparison.compare(TruthComparison.readTruth(truth), findings, RuleCatalog.ALL);
        System.out.print(TruthComparison.format(scores));
        if (require == null) return 0;
        boolean ok = scores.stream().filter(s -> s.injected() > 0)
                .allMatch(s -> s.recall() >= require && (Double.isNaN(s.precision()) || s.precision() >= require));
        System.out.println(ok ? "Every injected class meets " + require + "." : "Some class is below " + require + ".");
        return ok ? 0 : 1;
    }
}
