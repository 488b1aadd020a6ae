package org.csc.etl.conform;

import org.apache.spark.sql.SparkSession;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.warehouse.lake.Lake;

import java.util.List;

/**
 * Registers every staging table as a temp view named like the table (stg_carefirst__contacts).
 * A table no drop has delivered yet is an empty view with the contract schema, so conform SQL
 * never has to ask whether a system has started sending data.
 */
public final class StagedViews {
    private StagedViews() {}

    public static void register(Lake lake, List<SourceSystem> systems) {
        SparkSession spark = lake.spark();
        for (SourceSystem s : systems) {
            for (SourceContract.Table t : s.contract().tables().values()) {
                String name = t.stagedTable();
                if (lake.exists(name)) lake.read(name).createOrReplaceTempView(name);
                else spark.createDataFrame(List.of(), t.stagedSchema()).createOrReplaceTempView(name);
            }
        }
    }
}
