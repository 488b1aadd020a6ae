package org.csc.etl.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.warehouse.lake.Lake;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Registers every staging table as two temp views: {@code stg_<system>__<table>} holds the rows
 * that exist at source (soft-deleted rows left out), {@code all_<system>__<table>} also the rows
 * the source deleted ({@code _deleted_at} set), which conform needs for the system-of-record
 * rule. A table no drop has delivered yet is an empty view with the contract schema, so conform
 * SQL never has to ask whether a system has started sending data. Tables that keep history
 * ({@link SourceContract.Table#keepsHistory()}) also get {@code stg_<system>__<table>_history}:
 * the rows of every drop that delivered the table, same columns.
 */
public final class StagedViews {
    private StagedViews() {}

    public static void register(Lake lake, List<SourceSystem> systems) {
        register(lake.spark(), systems, name -> lake.exists(name) ? lake.read(name) : null);
    }

    /** Staged tables held in memory (name -> frame with the staged schema), e.g. for tests; absent tables are empty. */
    public static void register(SparkSession spark, List<SourceSystem> systems, Map<String, Dataset<Row>> frames) {
        register(spark, systems, frames::get);
    }

    private static void register(SparkSession spark, List<SourceSystem> systems, Function<String, Dataset<Row>> source) {
        for (SourceSystem s : systems) {
            for (SourceContract.Table t : s.contract().tables().values()) {
                String name = t.stagedTable();
                Dataset<Row> all = source.apply(name);
                if (all == null) all = spark.createDataFrame(List.of(), t.stagedSchema());
                if (!Arrays.asList(all.columns()).contains(SourceContract.Staging.DELETED_AT)) {
                    all = all.withColumn(SourceContract.Staging.DELETED_AT, lit(null).cast(DataTypes.TimestampType));
                }
                all.createOrReplaceTempView(allView(name));
                Dataset<Row> live = all.where(col(SourceContract.Staging.DELETED_AT).isNull());
                live.createOrReplaceTempView(name);
                if (t.keepsHistory()) {
                    // Every drop's rows of the table; without a history (in-memory staging, or a lake staged
                    // before history was kept) the current rows stand in as a history of one extract each.
                    Dataset<Row> history = source.apply(t.historyTable());
                    if (history == null) history = live;
                    history.selectExpr(live.columns())
                            .createOrReplaceTempView(t.historyTable());
                }
            }
        }
    }

    /** stg_liquidlogic__fact_contacts -> all_liquidlogic__fact_contacts. */
    public static String allView(String stagedTable) {
        return "all_" + stagedTable.substring("stg_".length());
    }
}
