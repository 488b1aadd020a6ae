package org.csc.cubes.cli;

import org.csc.etl.simulate.SimulationOptions;
import org.csc.etl.simulate.SimulationSummary;
import org.csc.etl.simulate.Simulator;
import org.csc.warehouse.errors.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a simulated authority's landing area (both systems' drops, manual logs, HR) with ground truth in DIR/_truth.")
final class SimulateCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--out", required = true, description = "Landing directory to create (new or empty).") Path out;
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}); the same arguments give identical files.") long seed;
    @Option(names = "--from", defaultValue = "2013-04-01", description = "First day simulated (default ${DEFAULT-VALUE}).") LocalDate from;
    @Option(names = "--to", defaultValue = "2017-03-31", description = "Last day simulated (default ${DEFAULT-VALUE}).") LocalDate to;
    @Option(names = "--go-live", defaultValue = "2016-04-01", description = "Liquid Logic go-live (default ${DEFAULT-VALUE}).") LocalDate goLive;
    @Option(names = "--scale", defaultValue = "1", description = "Authority size multiplier (default ${DEFAULT-VALUE}: ~22,700 children).") int scale;
    @Option(names = "--delta-every", defaultValue = "1d", description = "Liquid Logic DELTA interval, e.g. 1d or 7d (default ${DEFAULT-VALUE}).") String deltaEvery;
    @Option(names = "--defects", defaultValue = "0.02", description = "Rate of each injected recording defect (default ${DEFAULT-VALUE}).") double defects;
    @Option(names = "--calibration", description = "Print the calibration table (target vs simulated).") boolean calibration;

    @Override
    public Integer call() {
        SimulationOptions o = new SimulationOptions(out, seed, from, to, goLive, scale, days(deltaEvery), defects);
        SimulationSummary s = Simulator.run(o, parent.config(Map.of()));
        System.out.println("simulate: " + s);
        System.out.println("ground truth: " + out.resolve(Simulator.TRUTH_DIR));
        if (calibration) System.out.print(s.calibrationTable());
        return 0;
    }

    static int days(String spec) {
        String v = spec.trim().toLowerCase();
        try {
            return Integer.parseInt(v.endsWith("d") ? v.substring(0, v.length() - 1) : v);
        } catch (NumberFormatException e) {
            throw Errors.of("--delta-every '" + spec + "' is not a number of days.", "Expected a form like 1d or 7d.",
                    "Pass --delta-every 1d (daily) or 7d (weekly).");
        }
    }
}
