package org.csc.cubes.cli;

import org.apache.spark.sql.Row;
import org.csc.etl.ledger.DropLedger;
import org.csc.etl.ledger.RunLog;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.spark.Spark;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Drops processed, last run, table versions.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Override
    public Integer call() throws IOException {
        WarehouseConfig config = parent.config(Map.of());
        Path lakeDir = config.path("lake.dir");
        if (!Files.isDirectory(lakeDir.resolve(DropLedger.TABLE))) {
            System.out.println("No runs yet: the lake at " + lakeDir + " is empty. Run ./csc demo or ./csc nightly.");
            return 0;
        }
        try {
            Lake lake = new Lake(Spark.session(config), config);
            lake.read(DropLedger.TABLE).createOrReplaceTempView("ledger");
            System.out.println("Drops by system and status:");
            for (Row r : lake.spark().sql("SELECT system, status, count(DISTINCT drop_id), min(extract_date), max(extract_date) "
                    + "FROM ledger GROUP BY system, status ORDER BY system, status").collectAsList()) {
                System.out.printf("  %-12s %-11s %5d drops  %s .. %s%n", r.get(0), r.get(1), r.getLong(2), r.get(3), r.get(4));
            }
            Row last = lake.spark().sql("SELECT run_id, max(recorded_at) FROM ledger GROUP BY run_id ORDER BY 2 DESC LIMIT 1").head();
            System.out.println("Last run that applied drops: " + last.get(0) + " at " + last.get(1));
            RunLog runLog = new RunLog(lake);
            if (!runLog.isEmpty()) {
                runLog.read().createOrReplaceTempView("run_log");
                Row runs = lake.spark().sql("SELECT max_by(run_id, finished_at), max(finished_at), max(CASE WHEN vacuumed THEN finished_at END) "
                        + "FROM run_log").head();
                System.out.println("Last finished run: " + runs.get(0) + " at " + runs.get(1) + "; old versions' files last deleted: "
                        + (runs.isNullAt(2) ? "never" : runs.get(2)));
            }
            String unfinished = runLog.unpublishedRun();
            if (unfinished != null) {
                System.out.println("Not yet published: the drops applied by " + unfinished + " (that run did not finish); the next nightly publishes them.");
            }
            System.out.println("Tables (Delta version):");
            for (String name : lake.tables()) System.out.printf("  %-40s v%d%n", name, lake.version(name));
            return 0;
        } finally {
            Spark.stop();
        }
    }
}
