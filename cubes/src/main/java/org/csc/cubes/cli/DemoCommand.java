package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.etl.simulate.SimulationOptions;
import org.csc.etl.simulate.SimulationSummary;
import org.csc.etl.simulate.Simulator;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;
import org.csc.warehouse.io.Dirs;
import org.csc.warehouse.spark.Spark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate the demo authority into the configured landing area and run the nightly job on it.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand Csc parent;

    @Option(names = "--seed", defaultValue = "42", description = "Simulation seed (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--scale", defaultValue = "1", description = "Authority size multiplier (default ${DEFAULT-VALUE}).") int scale;
    @Option(names = "--delta-every", defaultValue = "7d", description = "Liquid Logic DELTA interval (default ${DEFAULT-VALUE}).") String deltaEvery;

    @Override
    public Integer call() throws IOException {
        WarehouseConfig config = parent.config(Map.of());
        Path landing = config.path("landing.dir");
        // Only a landing area the simulator wrote (it has _truth/) is ever cleared: never a real one.
        if (Files.exists(landing)) {
            if (!Files.isDirectory(landing.resolve(Simulator.TRUTH_DIR))) {
                throw Errors.of("The landing area " + landing + " exists and is not a demo simulation.",
                        "The demo writes its own landing area and would mix with these drops.",
                        "Point landing.dir elsewhere for the demo (-D landing.dir=demo-landing), or remove the directory.");
            }
            System.out.println("demo: clearing the previous demo (landing, lake, out)");
            Dirs.deleteTree(landing);
            Dirs.deleteTree(config.path("lake.dir"));
            Dirs.deleteTree(config.path("out.dir"));
        }
        SimulationOptions defaults = SimulationOptions.defaults(landing);
        SimulationOptions o = new SimulationOptions(landing, seed, defaults.from(), defaults.to(), defaults.goLive(), scale,
                SimulateCommand.days(deltaEvery), defaults.defectRate());
        SimulationSummary s = Simulator.run(o, config);
        System.out.println("demo: simulated " + config.string("authority.name") + ": " + s);
        try {
            new NightlyJob(config, System.out::println, Clock.systemUTC()).run();
        } finally {
            Spark.stop();
        }
        System.out.println("demo: try ./csc sql \"SELECT kpi_code, title FROM kpi_catalog\"");
        return 0;
    }

}
