package org.csc.cubes.kpi;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made star tables: rows given as column/value pairs in the STAR_SCHEMA.md shapes (StarTables). */
final class StarFixture {
    private final Map<String, List<Row>> rows = new LinkedHashMap<>();

    /** add("fct_referral", "referral_key", "R1", "referral_date", "2016-02-29", ...): unnamed columns are NULL. */
    StarFixture add(String table, Object... colValue) {
        StructType schema = StarTables.SCHEMAS.get(table);
        if (schema == null) throw new IllegalArgumentException("no star table " + table);
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < colValue.length; i += 2) {
            String col = (String) colValue[i];
            int idx = schema.fieldIndex(col);
            values[idx] = convert(schema.fields()[idx], colValue[i + 1]);
        }
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(RowFactory.create(values));
        return this;
    }

    /** Removes the rows of the table whose column equals the value (to change a row: remove it, add it again). */
    StarFixture remove(String table, String column, Object value) {
        int idx = StarTables.SCHEMAS.get(table).fieldIndex(column);
        rows.getOrDefault(table, new ArrayList<>()).removeIf(r -> value.equals(r.get(idx)));
        return this;
    }

    private static Object convert(StructField f, Object v) {
        if (v == null) return null;
        DataType t = f.dataType();
        if (t.equals(DataTypes.DateType) && v instanceof String s) return Date.valueOf(s);
        if (t.equals(DataTypes.DoubleType) && v instanceof Number n) return n.doubleValue();
        if (t.equals(DataTypes.IntegerType) && v instanceof Number n) return n.intValue();
        return v;
    }

    /** Registers every star table as a temp view (empty when no rows were added). */
    void register(SparkSession spark) {
        StarTables.SCHEMAS.forEach((table, schema) ->
                spark.createDataFrame(rows.getOrDefault(table, List.of()), schema).createOrReplaceTempView(table));
    }

    void drop(SparkSession spark) {
        StarTables.SCHEMAS.keySet().forEach(t -> spark.catalog().dropTempView(t));
    }
}
