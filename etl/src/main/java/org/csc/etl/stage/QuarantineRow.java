package org.csc.etl.stage;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A row that could not be staged, with where it came from and why (restricted: may hold raw values). */
public record QuarantineRow(String drop, String file, long line, String recordKey, String column, String rawValue, String reason) {
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("drop", DataTypes.StringType, false)
            .add("file", DataTypes.StringType, false)
            .add("line", DataTypes.LongType, false)
            .add("record_key", DataTypes.StringType, true)
            .add("column", DataTypes.StringType, true)
            .add("raw_value", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, false);
}
