package org.csc.cubes.cli;

import org.csc.cubes.nightly.NightlyJob;
import org.csc.etl.ledger.LedgerEntry;
import org.csc.etl.stage.StagingResult;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NightlyCommandTest {
    private static NightlyJob.Summary finished(LedgerEntry.Status status) {
        LedgerEntry e = new LedgerEntry("run-1", "liquidlogic/2016-04-05", "liquidlogic", LocalDate.of(2016, 4, 5), "DELTA", null, null,
                0, 0, 0, 0, status, status == LedgerEntry.Status.REJECTED ? "FACT_CONTACTS.csv: sha256 does not match the manifest" : null);
        StagingResult staged = new StagingResult(List.of(e), Set.of(), List.of(), 0);
        return new NightlyJob.Summary("run-1", true, staged, Map.of(), 1, List.of(), List.of(), 1);
    }

    @Test
    void aFinishedRunWithARejectedDropExitsWithTheAttentionCodeTheHelpDocuments() {
        assertThat(NightlyCommand.exitCode(finished(LedgerEntry.Status.APPLIED))).isZero();
        assertThat(NightlyCommand.exitCode(finished(LedgerEntry.Status.REJECTED))).isEqualTo(2);
        assertThat(NightlyCommand.exitCode(new NightlyJob.Summary("run-2", false, null, Map.of(), 0, List.of(), List.of(), 1))).isZero();
        String help = new CommandLine(new Csc()).getSubcommands().get("nightly").getUsageMessage();
        assertThat(help).contains("Exit codes (for the scheduler):").containsPattern("2\\s+the run finished, but something needs a person");
    }
}
