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
        description = "Ingest new drops, conform, audit, build the KPI cubes and publish them (idempotent).")
final class NightlyCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--landing", description = "Landing area (landing.dir).") String landing;
    @Option(names = "--lake", description = "Delta lake directory (lake.dir).") String lake;
    @Option(names = "--out", description = "Output directory for DuckDB files and reports (out.dir).") String out;
    @Option(names = "--rebuild", description = "Clear the lake and replay every drop in the landing area (a full rebuild).") boolean rebuild;
    @Option(names = "--until", description = "Apply only drops extracted on or before this date (yyyy-MM-dd): replays history night by night.") String until;

    @Override
    public Integer call() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("landing.dir", landing);
        o.put("lake.dir", lake);
        o.put("out.dir", out);
        o.put("nightly.until", until);
        try {
            NightlyJob job = new NightlyJob(parent.config(o), System.out::println, Clock.systemUTC());
            if (rebuild) job.rebuild();
            else job.run();
            return 0;
        } finally {
            Spark.stop();
        }
    }
}
