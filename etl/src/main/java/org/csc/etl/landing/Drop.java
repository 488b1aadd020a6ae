package org.csc.etl.landing;

import java.nio.file.Path;
import java.time.LocalDate;

/** One delivery folder, landing/SYSTEM/yyyy-MM-dd, with its manifest. */
public record Drop(String system, String folder, Path dir, LocalDate extractDate, Manifest manifest) {
    /** Stable identity used by the ledger and lineage columns: carefirst/2016-03-01. */
    public String id() { return system + "/" + folder; }

    public boolean isFull() { return manifest.isFull(); }
}
