package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.cubes.quality.DqReportData;
import org.csc.cubes.quality.DqReportWriter;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dq", mixinStandardHelpOptions = true,
        description = "Data-quality audit report: HTML (score, trend, worst rules, by team and worker, what to fix first) "
                + "and one CSV of findings per team (restricted).")
final class DqReportCommand implements Callable<Integer> {
    @ParentCommand ReportCommand report;

    @Option(names = "--period", description = "Month reported, yyyy-MM (default: the latest month audited).") String period;

    @Override
    public Integer call() {
        WarehouseConfig config = report.parent.config(Map.of());
        YearMonth p = null;
        if (period != null) {
            try {
                p = YearMonth.parse(period);
            } catch (DateTimeParseException e) {
                throw Errors.of("--period '" + period + "' is not a month.", "Months are written yyyy-MM.", "Pass e.g. --period 2015-12.");
            }
        }
        Path out = config.path("out.dir");
        DqReportData data = DqReportData.load(out.resolve(NightlyJob.CUBES_FILE), out.resolve(NightlyJob.RESTRICTED_FILE), p);
        DqReportWriter.Written w = DqReportWriter.write(data, out.resolve("reports"), out.resolve("restricted"), config.integer("dq.report.worst"));
        System.out.println("Data-quality report for " + data.getPeriod() + " (score " + data.getScoreMonth() + "): " + w.html());
        System.out.println(w.teamCsvs().size() + " team CSV file(s), " + w.findings() + " open findings, owner-only, in "
                + (w.teamCsvs().isEmpty() ? out.resolve("restricted") : w.teamCsvs().get(0).getParent()));
        return 0;
    }
}
