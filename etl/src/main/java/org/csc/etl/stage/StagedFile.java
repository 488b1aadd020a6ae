package org.csc.etl.stage;

import org.apache.spark.sql.Row;

import java.util.List;

/**
 * One file of one drop after casting: counts that add up (received = staged + quarantined), the
 * quarantined rows, and the staged rows when the caller asked to keep them (empty when they were
 * streamed to a sink instead).
 */
public record StagedFile(String drop, String file, String table, long received, long staged, List<Row> rows,
                         List<QuarantineRow> quarantined, String fileProblem) {
    public long quarantinedCount() { return received - staged; }
}
