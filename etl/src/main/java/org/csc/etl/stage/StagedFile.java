package org.csc.etl.stage;

import org.apache.spark.sql.Row;

import java.util.List;

/** One file of one drop after casting: staged rows, quarantined rows, and counts that add up. */
public record StagedFile(String drop, String file, String table, long received, List<Row> rows,
                         List<QuarantineRow> quarantined, String fileProblem) {
    public long staged() { return rows.size(); }

    public long quarantinedCount() { return received - rows.size(); }
}
