package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NightlyCommandTest {
    private static NightlyJob.Summary finished(List<String> attention) {
        return new NightlyJob.Summary("run-1", true, null, Map.of(), 1, List.of(), List.of(), 1, attention, null);
    }

    @Test
    void aFinishedRunThatNeedsAPersonExitsWithTheAttentionCodeTheHelpDocuments() {
        assertThat(NightlyCommand.exitCode(finished(List.of()))).isZero();
        assertThat(NightlyCommand.exitCode(finished(List.of("liquidlogic/2016-04-05 was rejected")))).isEqualTo(2);
        String help = new CommandLine(new Csc()).getSubcommands().get("nightly").getUsageMessage();
        assertThat(help).contains("Exit codes (for the scheduler):").containsPattern("2\\s+the run finished, but something needs a person");
    }
}
