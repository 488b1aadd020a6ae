package org.csc.etl.ledger;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.lake.Lake;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

/**
 * The Delta table etl_run_log: one row per run that finished, written after its outputs were
 * published. The ledger records a drop as applied as soon as its staging tables are written, so a
 * run that stopped after that (a crash, a configuration error found by conform) leaves drops that
 * no later run would read again; this log is how the next run knows it must finish that work.
 */
public final class RunLog {
    public static final String TABLE = "etl_run_log";
    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("finished_at", DataTypes.TimestampType, false)
            // The run deleted old versions' files (or was the lake's first, which had none).
            .add("vacuumed", DataTypes.BooleanType, true);

    private final Lake lake;

    public RunLog(Lake lake) {
        this.lake = lake;
    }

    public void recordFinished(String runId, boolean vacuumed) {
        lake.append(TABLE, lake.spark().createDataFrame(List.of(RowFactory.create(runId, Timestamp.from(Instant.now()), vacuumed)), SCHEMA));
    }

    /** The log's rows; a log written before the vacuumed column existed reads it as unknown (null). */
    public Dataset<Row> read() {
        Dataset<Row> log = lake.read(TABLE);
        return Arrays.asList(log.columns()).contains("vacuumed") ? log : log.withColumn("vacuumed", lit(null).cast(DataTypes.BooleanType));
    }

    /** True when this log has no finished run yet: the lake is new (or older than the log) and this run starts it. */
    public boolean isEmpty() {
        return !lake.exists(TABLE);
    }

    /**
     * True when the last finished run that deleted old versions' files (or, if none did, the first
     * finished run) finished at least {@code every} before {@code now}. False for a lake with no
     * finished run: it has nothing old to delete.
     */
    public boolean vacuumDue(Instant now, Duration every) {
        if (isEmpty()) return false;
        Row r = read().agg(max(when(col("vacuumed"), col("finished_at"))), min("finished_at")).head();
        Timestamp last = r.isNullAt(0) ? r.getTimestamp(1) : r.getTimestamp(0);
        return !last.toInstant().plus(every).isAfter(now);
    }

    /**
     * The newest run that applied a drop when no run finished after it started, or null when every
     * applied drop is in published outputs. Run ids sort by start time. A lake written before this
     * log existed has no log yet: its last applied run counts as unpublished once, which costs one
     * recompute and is otherwise harmless.
     */
    public String unpublishedRun() {
        if (!lake.exists(DropLedger.TABLE)) return null;
        Row applied = lake.read(DropLedger.TABLE).where(col("status").equalTo(LedgerEntry.Status.APPLIED.name())).agg(max("run_id")).head();
        if (applied.isNullAt(0)) return null;
        String lastApplied = applied.getString(0);
        if (!lake.exists(TABLE)) return lastApplied;
        Row finished = lake.read(TABLE).agg(max("run_id")).head();
        return finished.isNullAt(0) || finished.getString(0).compareTo(lastApplied) < 0 ? lastApplied : null;
    }
}
