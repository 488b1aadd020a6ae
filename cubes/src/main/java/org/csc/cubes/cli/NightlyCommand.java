package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.warehouse.spark.Spark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = "Ingest new drops, conform, audit, build the KPI cubes and publish them (idempotent).",
        exitCodeListHeading = "Exit codes (for the scheduler):%n",
        exitCodeList = {"0:the run finished; nothing needs a person",
                "1:the run failed (message on standard error); the published files are those of the last finished run",
                NightlyJob.EXIT_ATTENTION + ":the run finished, but something needs a person: the ATTENTION lines say what (a rejected drop)"})
final class NightlyCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--landing", description = "Landing area (landing.dir).") String landing;
    @Option(names = "--lake", description = "Delta lake directory (lake.dir).") String lake;
    @Option(names = "--out", description = "Output directory for DuckDB files and reports (out.dir).") String out;
    @Option(names = "--rebuild", description = "Clear the lake and replay every drop in the landing area (a full rebuild).") boolean rebuild;
    @Option(names = "--until", description = "Apply only drops extracted on or before this date (yyyy-MM-dd): replays history night by night.") String until;

    static int exitCode(NightlyJob.Summary s) {
        return s.attention().isEmpty() ? 0 : NightlyJob.EXIT_ATTENTION;
    }

    @Override
    public Integer call() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("landing.dir", landing);
        o.put("lake.dir", lake);
        o.put("out.dir", out);
        o.put("nightly.until", until);
        try {
            NightlyJob job = new NightlyJob(parent.config(o), System.out::println, Clock.systemUTC());
            NightlyJob.Summary s = rebuild ? job.rebuild() : job.run();
            s.attention().forEach(a -> System.out.println("ATTENTION: " + a));
            return exitCode(s);
        } finally {
            Spark.stop();
        }
    }
}
