package org.csc.etl.ledger;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;

/** One file of one drop as a run saw it: the numbers that must add up (received = staged + quarantined). */
public record LedgerEntry(String runId, String dropId, String system, LocalDate extractDate, String mode, String file,
                          String sha256, long manifestRows, long received, long staged, long quarantined,
                          Status status, String message) {
    public enum Status { APPLIED, SUPERSEDED, REJECTED, IGNORED }

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("drop_id", DataTypes.StringType, false)
            .add("system", DataTypes.StringType, false)
            .add("extract_date", DataTypes.DateType, false)
            .add("mode", DataTypes.StringType, true)
            .add("file", DataTypes.StringType, true)
            .add("sha256", DataTypes.StringType, true)
            .add("manifest_rows", DataTypes.LongType, false)
            .add("received", DataTypes.LongType, false)
            .add("staged", DataTypes.LongType, false)
            .add("quarantined", DataTypes.LongType, false)
            .add("status", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, true)
            .add("recorded_at", DataTypes.TimestampType, false);

    public Row toRow(Timestamp at) {
        return RowFactory.create(runId, dropId, system, Date.valueOf(extractDate), mode, file, sha256, manifestRows,
                received, staged, quarantined, status.name(), message, at);
    }
}
