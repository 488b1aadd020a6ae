package org.csc.cubes.kpi;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.calendar.WorkingCalendar;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The reporting periods and, for each, the window each basis covers. MONTH/QUARTER/YEAR rows count
 * events in that period (basis family MONTH); YTD from 1 April; R12 the 12 months to the period
 * end (after end minus 12 months); ASAT the last day.
 */
public final class ReportingPeriods {
    public static final StructType SCHEMA = new StructType()
            .add("period_type", DataTypes.StringType, false)
            .add("period_end", DataTypes.DateType, false)
            .add("basis", DataTypes.StringType, false)
            .add("basis_family", DataTypes.StringType, false)
            .add("window_start", DataTypes.DateType, false)
            .add("window_end", DataTypes.DateType, false);

    private ReportingPeriods() {}

    public static List<LocalDate> monthEnds(YearMonth from, YearMonth to) {
        List<LocalDate> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) out.add(m.atEndOfMonth());
        return out;
    }

    public static Dataset<Row> build(SparkSession spark, YearMonth from, YearMonth to) {
        List<Row> rows = new ArrayList<>();
        for (LocalDate end : monthEnds(from, to)) {
            LocalDate fyStart = WorkingCalendar.financialYearStart(end);
            LocalDate r12Start = end.minusMonths(12).plusDays(1);
            add(rows, "MONTH", end, "MONTH", "MONTH", end.withDayOfMonth(1));
            add(rows, "MONTH", end, "YTD", "YTD", fyStart);
            add(rows, "MONTH", end, "R12", "R12", r12Start);
            add(rows, "MONTH", end, "ASAT", "ASAT", end);
            if (WorkingCalendar.quarterEnd(end).equals(end)) {
                add(rows, "QUARTER", end, "QUARTER", "MONTH", end.minusMonths(2).withDayOfMonth(1));
                add(rows, "QUARTER", end, "YTD", "YTD", fyStart);
                add(rows, "QUARTER", end, "R12", "R12", r12Start);
                add(rows, "QUARTER", end, "ASAT", "ASAT", end);
            }
            if (end.getMonthValue() == 3) {
                add(rows, "YEAR", end, "YEAR", "MONTH", fyStart);
                add(rows, "YEAR", end, "YTD", "YTD", fyStart);
                add(rows, "YEAR", end, "R12", "R12", r12Start);
                add(rows, "YEAR", end, "ASAT", "ASAT", end);
            }
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static void add(List<Row> rows, String type, LocalDate end, String basis, String family, LocalDate start) {
        rows.add(RowFactory.create(type, Date.valueOf(end), basis, family, Date.valueOf(start), Date.valueOf(end)));
    }
}
