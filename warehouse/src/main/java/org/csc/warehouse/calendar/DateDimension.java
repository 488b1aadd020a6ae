package org.csc.warehouse.calendar;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** dim_date: one row per calendar day with financial periods and the working-day index. */
public final class DateDimension {
    public static final String TABLE = "dim_date";

    public static final StructType SCHEMA = new StructType()
            .add("date", DataTypes.DateType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("month", DataTypes.IntegerType, false)
            .add("month_start", DataTypes.DateType, false)
            .add("month_end", DataTypes.DateType, false)
            .add("fin_year", DataTypes.StringType, false)
            .add("fin_year_start", DataTypes.DateType, false)
            .add("fin_quarter", DataTypes.IntegerType, false)
            .add("quarter_end", DataTypes.DateType, false)
            .add("is_weekend", DataTypes.BooleanType, false)
            .add("is_bank_holiday", DataTypes.BooleanType, false)
            .add("is_closure", DataTypes.BooleanType, false)
            .add("is_working_day", DataTypes.BooleanType, false)
            // working days d with calendar.first <= d <= date: duration A->B = wd_index(B) - wd_index(A)
            .add("wd_index", DataTypes.IntegerType, false);

    private DateDimension() {}

    public static Dataset<Row> build(SparkSession spark, WorkingCalendar cal) {
        List<Row> rows = new ArrayList<>();
        for (LocalDate d : cal.days()) {
            DayOfWeek w = d.getDayOfWeek();
            rows.add(RowFactory.create(Date.valueOf(d), d.getYear(), d.getMonthValue(), Date.valueOf(d.withDayOfMonth(1)),
                    Date.valueOf(WorkingCalendar.monthEnd(d)), WorkingCalendar.financialYear(d),
                    Date.valueOf(WorkingCalendar.financialYearStart(d)), WorkingCalendar.financialQuarter(d),
                    Date.valueOf(WorkingCalendar.quarterEnd(d)), w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY,
                    cal.isBankHoliday(d), cal.isClosure(d), cal.isWorkingDay(d), cal.workingDayIndex(d)));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }
}
