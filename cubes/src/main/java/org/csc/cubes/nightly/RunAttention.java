package org.csc.cubes.nightly;

import org.csc.etl.landing.LandingScan;
import org.csc.etl.ledger.LedgerEntry;
import org.csc.etl.stage.StagingResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person must act on although the run finished, for an unattended scheduler: each drop it
 * cannot read or apply without help. A rejected drop is tried again every night and holds back the
 * later DELTA drops of its system; a manifest that cannot be read skips its drop every night; a drop
 * folder still without its manifest long after its last file was written is an export that stopped.
 */
final class RunAttention {
    private RunAttention() {}

    static List<String> of(LandingScan.Result scan, StagingResult staged, Instant now, Duration stalledAfter) {
        List<String> out = new ArrayList<>();
        if (staged != null) {
            // One entry per rejected drop (its files are not read).
            staged.entries().stream().filter(e -> e.status() == LedgerEntry.Status.REJECTED)
                    .map(e -> e.dropId() + " was rejected (" + e.message() + "); later DELTA drops of " + e.system()
                            + " wait behind it. Ask for it to be re-exported.")
                    .distinct().forEach(out::add);
        }
        for (LandingScan.Waiting w : scan.unreadable()) {
            out.add(w.dropId() + " is skipped every run: " + w.reason() + ". Ask for the drop to be re-exported, or fix the landing area's permissions.");
        }
        for (LandingScan.Waiting w : scan.waiting()) {
            if (w.lastWritten() != null && !w.lastWritten().plus(stalledAfter).isAfter(now)) {
                long hours = Duration.between(w.lastWritten(), now).toHours();
                out.add(w.dropId() + " has had no manifest for " + hours + " hours since its last file was written: the export"
                        + " probably stopped. Ask for the drop to be exported again (the manifest is written last).");
            }
        }
        return List.copyOf(out);
    }
}
