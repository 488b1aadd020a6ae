package org.csc.cubes.quality;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the audit report: one HTML page (FreeMarker template templates/dq_report.ftlh, charts as
 * inline SVG) under reports/, and one CSV of open findings per team under restricted/ (record
 * keys: owner-only), which together hold every open finding exactly once.
 */
public final class DqReportWriter {
    public record Written(Path html, List<Path> teamCsvs, long findings) {}

    static final String[] CSV_HEADER = {"rule", "description", "source_system", "source_table", "record_key", "child_key", "worker_key", "team", "month", "detail"};

    private DqReportWriter() {}

    public static Written write(DqReportData data, Path reportsDir, Path restrictedDir, int worst) {
        try {
            Files.createDirectories(reportsDir);
            Path html = reportsDir.resolve("dq-" + data.getPeriod() + ".html");
            Files.writeString(html, render(data, worst), StandardCharsets.UTF_8);
            Path teamDir = restrictedDir.resolve("dq-" + data.getPeriod());
            Files.createDirectories(teamDir);
            Files.setPosixFilePermissions(restrictedDir, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(teamDir, PosixFilePermissions.fromString("rwx------"));
            try (var old = Files.list(teamDir)) {
                for (Path p : old.filter(p -> p.toString().endsWith(".csv")).toList()) Files.delete(p);
            }
            Map<String, List<DqReportData.Finding>> byTeam = new TreeMap<>();
            for (DqReportData.Finding f : data.findings()) byTeam.computeIfAbsent(f.team() == null ? "UNKNOWN" : f.team(), k -> new ArrayList<>()).add(f);
            List<Path> csvs = new ArrayList<>();
            for (var e : byTeam.entrySet()) {
                Path csv = teamDir.resolve("findings-" + slug(e.getKey()) + ".csv");
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                     CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get())) {
                    for (DqReportData.Finding f : e.getValue()) {
                        p.printRecord(f.rule(), f.description(), f.sourceSystem(), f.sourceTable(), f.recordKey(), f.childKey(), f.workerKey(),
                                f.team(), f.month() == null ? "" : f.month().toString().substring(0, 7), f.detail());
                    }
                }
                Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-------"));
                csvs.add(csv);
            }
            return new Written(html, csvs, data.findings().size());
        } catch (IOException e) {
            throw Errors.io("write the data-quality report", reportsDir, e);
        }
    }

    static String render(DqReportData data, int worst) {
        Configuration fm = new Configuration(Configuration.VERSION_2_3_34);
        fm.setClassForTemplateLoading(DqReportWriter.class, "/templates");
        fm.setDefaultEncoding("UTF-8");
        fm.setLocale(Locale.UK);
        fm.setNumberFormat("computer");
        fm.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("d", data);
        model.put("worstRules", data.getWorstRules(worst));
        model.put("fixFirst", data.getFixFirst(worst));
        model.put("scoreChart", TrendChart.svg("Records passing every rule, by month (%)", data.monthlyScore(), 0, 100, "%"));
        double maxRun = data.runFindings().stream().mapToDouble(TrendChart.Point::value).max().orElse(1);
        model.put("runChart", TrendChart.svg("Findings by nightly run", data.runFindings(), 0, Math.max(1, maxRun), ""));
        try {
            Template t = fm.getTemplate("dq_report.ftlh");
            java.io.StringWriter out = new java.io.StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw Errors.of("The data-quality report template failed.", e.getMessage().lines().findFirst().orElse(""),
                    "This is a bug in templates/dq_report.ftlh: report it with the message.", e);
        }
    }

    static String slug(String team) {
        String s = team.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "unknown" : s;
    }
}
