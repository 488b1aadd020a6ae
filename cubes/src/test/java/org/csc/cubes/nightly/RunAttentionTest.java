package org.csc.cubes.nightly;

import org.csc.etl.landing.LandingScan;
import org.csc.etl.ledger.LedgerEntry;
import org.csc.etl.stage.StagingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RunAttentionTest {
    @TempDir Path landing;

    private Path folder(String system, String date, Instant written, String manifest) throws Exception {
        Path dir = Files.createDirectories(landing.resolve(system).resolve(date));
        Path csv = Files.writeString(dir.resolve("FACT_CONTACTS.csv"), "FACT_CONTACT_ID\n1\n");
        if (manifest != null) Files.writeString(dir.resolve("_manifest.json"), manifest);
        for (Path p : List.of(csv, dir)) Files.setLastModifiedTime(p, FileTime.from(written));
        if (manifest != null) Files.setLastModifiedTime(dir.resolve("_manifest.json"), FileTime.from(written));
        return dir;
    }

    @Test
    void namesRejectedDropsUnreadableManifestsAndExportsThatStoppedButNotADropStillBeingWritten() throws Exception {
        Instant now = Instant.parse("2026-11-27T06:00:00Z");
        folder("liquidlogic", "2016-04-05", now.minus(Duration.ofHours(30)), null);
        folder("liquidlogic", "2016-04-06", now.minus(Duration.ofHours(2)), null);
        folder("carefirst", "2016-03-31", now.minus(Duration.ofHours(1)), "{ not json");
        LandingScan.Result scan = LandingScan.scan(landing, List.of("carefirst", "liquidlogic"));
        assertThat(scan.waiting()).hasSize(2);
        LedgerEntry rejected = new LedgerEntry("run-1", "liquidlogic/2016-04-04", "liquidlogic", LocalDate.of(2016, 4, 4), "DELTA", null, null,
                0, 0, 0, 0, LedgerEntry.Status.REJECTED, "FACT_CONTACTS.csv: sha256 does not match the manifest");
        StagingResult staged = new StagingResult(List.of(rejected), Set.of(), List.of(), 0);

        List<String> attention = RunAttention.of(scan, staged, now, Duration.ofHours(24));
        assertThat(attention).hasSize(3);
        assertThat(attention.get(0)).startsWith("liquidlogic/2016-04-04 was rejected (FACT_CONTACTS.csv: sha256").contains("re-exported");
        assertThat(attention.get(1)).startsWith("carefirst/2016-03-31 is skipped every run: manifest cannot be read");
        assertThat(attention.get(2)).isEqualTo("liquidlogic/2016-04-05 has had no manifest for 30 hours since its last file was written:"
                + " the export probably stopped. Ask for the drop to be exported again (the manifest is written last).");
        assertThat(RunAttention.of(scan, null, now.minus(Duration.ofHours(10)), Duration.ofHours(24))).hasSize(1);
    }
}
