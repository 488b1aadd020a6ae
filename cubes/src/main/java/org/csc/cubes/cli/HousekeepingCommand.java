package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.etl.ledger.DropLedger;
import org.csc.etl.ledger.RunLog;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.lake.LakeLock;
import org.csc.warehouse.run.RunId;
import org.csc.warehouse.spark.Spark;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "housekeeping", mixinStandardHelpOptions = true,
        description = "Now rather than at the nightly's next turn (every lake.vacuum.every.days): keep the last dq.results.keep.runs"
                + " runs' audit results, compact tables grown by appends, delete the files of table versions older than"
                + " lake.vacuum.retain.hours.")
final class HousekeepingCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Override
    public Integer call() {
        WarehouseConfig config = parent.config(Map.of());
        String runId = RunId.next(Clock.systemUTC());
        try (LakeLock lock = LakeLock.acquire(config.path("lake.dir"), runId)) {
            Lake lake = new Lake(Spark.session(config), config);
            if (!lake.exists(DropLedger.TABLE)) {
                System.out.println("The lake at " + lake.root() + " holds no run yet: nothing to clean.");
                return 0;
            }
            RunLog runLog = new RunLog(lake);
            String unpublished = runLog.unpublishedRun();
            if (unpublished != null) {
                // Recorded as finished, this run would hide those drops from the next nightly.
                throw Errors.of("The drops applied by " + unpublished + " are not in the published outputs yet.",
                        "That run stopped before publishing; housekeeping records itself as a finished run.",
                        "Run ./csc nightly first (it publishes them), then housekeeping.");
            }
            NightlyJob.housekeeping(lake, config, System.out::println);
            runLog.recordFinished(runId, true);
            return 0;
        } finally {
            Spark.stop();
        }
    }
}
