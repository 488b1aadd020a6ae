package org.csc.etl.ledger;

import org.apache.spark.sql.Row;
import org.csc.warehouse.lake.Lake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/** The Delta table etl_drop_ledger: which drops were consumed, by which run, with each file's counts. */
public final class DropLedger {
    public static final String TABLE = "etl_drop_ledger";
    private final Lake lake;

    public DropLedger(Lake lake) {
        this.lake = lake;
    }

    /** Drops already consumed (applied or superseded); rejected ones are tried again when re-delivered. */
    public Set<String> consumedDrops() {
        Set<String> out = new HashSet<>();
        if (!lake.exists(TABLE)) return out;
        for (Row r : lake.read(TABLE).where(col("status").isin("APPLIED", "SUPERSEDED")).select("drop_id").distinct().collectAsList()) {
            out.add(r.getString(0));
        }
        return out;
    }

    public void record(List<LedgerEntry> entries) {
        if (entries.isEmpty()) return;
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = entries.stream().map(e -> e.toRow(now)).toList();
        lake.append(TABLE, lake.spark().createDataFrame(rows, LedgerEntry.SCHEMA));
    }
}
