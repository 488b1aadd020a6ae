package org.csc.etl.source;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The contract's column types and the Spark type each is staged as. */
public enum ColumnType {
    ID(DataTypes.LongType),
    TEXT(DataTypes.StringType),
    CODE(DataTypes.StringType),
    DATE(DataTypes.DateType),
    DATETIME(DataTypes.TimestampType),
    FLAG(DataTypes.BooleanType),
    DECIMAL(DataTypes.DoubleType);

    private final DataType sparkType;

    ColumnType(DataType sparkType) { this.sparkType = sparkType; }

    public DataType sparkType() { return sparkType; }
}
