package org.csc.etl.simulate;

import org.csc.warehouse.config.WarehouseConfig;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * Runs a simulation by hand (timings, calibration) until the CLI command exists:
 * java -cp ... org.csc.etl.simulate.SimulateMain OUT [scale] [from to goLive] [deltaEveryDays] [defectRate]
 */
public final class SimulateMain {
    private SimulateMain() {}

    public static void main(String[] args) {
        SimulationOptions o = SimulationOptions.defaults(Path.of(args[0]));
        if (args.length > 1) o = o.withScale(Integer.parseInt(args[1]));
        if (args.length > 4) o = o.withWindow(LocalDate.parse(args[2]), LocalDate.parse(args[3]), LocalDate.parse(args[4]));
        if (args.length > 5) o = new SimulationOptions(o.out(), o.seed(), o.from(), o.to(), o.goLive(), o.scale(), Integer.parseInt(args[5]), o.defectRate());
        if (args.length > 6) o = new SimulationOptions(o.out(), o.seed(), o.from(), o.to(), o.goLive(), o.scale(), o.deltaEveryDays(), Double.parseDouble(args[6]));
        SimulationSummary s = Simulator.run(o, WarehouseConfig.builder().env(Map.of()).build());
        System.out.println(s);
        System.out.println(s.calibrationTable());
    }
}
