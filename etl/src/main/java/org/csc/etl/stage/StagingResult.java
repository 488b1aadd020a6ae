package org.csc.etl.stage;

import org.csc.etl.ledger.LedgerEntry;

import java.util.List;
import java.util.Set;

/** What a run's staging did: the ledger entries (counts per file), tables changed, messages for the operator. */
public record StagingResult(List<LedgerEntry> entries, Set<String> changedTables, List<String> messages,
                            long quarantinedRows) {
    public long dropsApplied() {
        return entries.stream().filter(e -> e.status() == LedgerEntry.Status.APPLIED).map(LedgerEntry::dropId).distinct().count();
    }

    public long dropsRejected() {
        return entries.stream().filter(e -> e.status() == LedgerEntry.Status.REJECTED).map(LedgerEntry::dropId).distinct().count();
    }

    public long dropsSuperseded() {
        return entries.stream().filter(e -> e.status() == LedgerEntry.Status.SUPERSEDED).map(LedgerEntry::dropId).distinct().count();
    }
}
