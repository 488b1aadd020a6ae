package org.csc.cubes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Reports written from the published files: csc report dq. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Write a report from the published cubes.",
        subcommands = {DqReportCommand.class, CommandLine.HelpCommand.class})
final class ReportCommand {
    @ParentCommand Csc parent;
}
