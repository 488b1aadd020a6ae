package org.csc.cubes.cli;

import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.CscException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The csc command line: the nightly job, the demo, queries on the cubes, status. */
@Command(name = "csc", mixinStandardHelpOptions = true, version = "csc 0.1.0",
        description = "Children's services performance warehouse: ingest drops, conform, audit, build KPI cubes, publish to DuckDB.",
        subcommands = {NightlyCommand.class, HousekeepingCommand.class, DemoCommand.class, SimulateCommand.class, SqlCommand.class, StatusCommand.class,
                ReportCommand.class, AuditSampleCommand.class, VerifyCommand.class, DqTruthCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Csc {
    @Option(names = "--config", description = "Configuration file overriding conf/warehouse.properties.", scope = CommandLine.ScopeType.INHERIT)
    Path configFile;

    @Option(names = "-D", paramLabel = "key=value", description = "Override any configuration key (highest priority).",
            scope = CommandLine.ScopeType.INHERIT)
    Map<String, String> overrides = new LinkedHashMap<>();

    WarehouseConfig config(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        more.forEach((k, v) -> { if (v != null) all.put(k, v); });
        return WarehouseConfig.builder().configFile(configFile).overrides(all).build();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Csc());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CscException ce) {
                cmd.getErr().println("csc: " + ce.getMessage());
            } else {
                cmd.getErr().println("csc: failed: " + e);
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }
}
