package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.cubes.verify.TruthComparison;
import org.csc.etl.simulate.Simulator;
import org.csc.warehouse.config.WarehouseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compare the published indicators with a simulation's ground truth (numerator and denominator, every month).")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--truth", description = "The simulator's _truth directory (default: landing.dir/_truth).") Path truth;
    @Option(names = "--strict", description = "Exit 1 unless every indicator-basis matches in every month.") boolean strict;

    @Override
    public Integer call() {
        WarehouseConfig config = parent.config(Map.of());
        Path dir = truth != null ? truth : config.path("landing.dir").resolve(Simulator.TRUTH_DIR);
        List<TruthComparison.Line> lines = TruthComparison.compare(config.path("out.dir").resolve(NightlyJob.CUBES_FILE), dir);
        System.out.print(TruthComparison.format(lines));
        return strict && !lines.stream().allMatch(TruthComparison.Line::allExact) ? 1 : 0;
    }
}
