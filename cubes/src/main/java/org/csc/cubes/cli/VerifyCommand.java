package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.cubes.verify.TruthComparison;
import org.csc.cubes.verify.TruthExplanation;
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
        description = "Compare the published indicators with a simulation's ground truth (numerator and denominator, every month) "
                + "and explain each differing record (restricted listing under out.dir/restricted).")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--truth", description = "The simulator's _truth directory (default: landing.dir/_truth).") Path truth;
    @Option(names = "--strict", description = "Exit 1 unless every indicator-basis matches in every month.") boolean strict;
    @Option(names = "--require-explained", description = "Exit 1 when a differing record is not explained by an injected defect "
            + "or by recording after the last extract (a warehouse defect to chase).") boolean requireExplained;

    static final String LISTING = "verify-differences.csv";

    @Override
    public Integer call() {
        WarehouseConfig config = parent.config(Map.of());
        Path dir = truth != null ? truth : config.path("landing.dir").resolve(Simulator.TRUTH_DIR);
        Path out = config.path("out.dir");
        List<TruthComparison.Line> lines = TruthComparison.compare(out.resolve(NightlyJob.CUBES_FILE), dir);
        System.out.print(TruthComparison.format(lines));
        Path restricted = out.resolve(NightlyJob.RESTRICTED_FILE);
        if (TruthExplanation.available(dir, restricted)) {
            TruthExplanation.Result r = TruthExplanation.explain(dir, restricted, out.resolve("restricted").resolve(LISTING));
            System.out.print(TruthExplanation.format(r));
            if (requireExplained && r.unexplained() > 0) return 1;
        } else {
            if (requireExplained) {
                System.out.println("--require-explained needs the record-level truth and restricted output.");
                return 1;
            }
            System.out.println("No record-level explanation: " + dir.resolve(TruthExplanation.MEMBERS_FILE) + " or " + restricted
                    + " is missing (simulate again with this version, then run nightly).");
        }
        return strict && !lines.stream().allMatch(TruthComparison.Line::allExact) ? 1 : 0;
    }
}
