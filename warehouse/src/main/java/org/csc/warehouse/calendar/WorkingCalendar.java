package org.csc.warehouse.calendar;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The decided conventions (KPI_DEFINITIONS.md): a working day is Mon-Fri, not a bank holiday, not a
 * local closure day; duration A->B counts working days d with A < d <= B. Working days are
 * numbered cumulatively so a duration is a subtraction, in Java here and in SQL via dim_date.
 */
public final class WorkingCalendar {
    private final LocalDate first;
    private final LocalDate last;
    private final Set<LocalDate> bankHolidays;
    private final Set<LocalDate> closures;
    private final int[] index; // working days from first up to and including the date

    public WorkingCalendar(LocalDate first, LocalDate last, Set<LocalDate> bankHolidays, Set<LocalDate> closures) {
        this.first = first;
        this.last = last;
        this.bankHolidays = Set.copyOf(bankHolidays);
        this.closures = Set.copyOf(closures);
        int n = (int) ChronoUnit.DAYS.between(first, last) + 1;
        index = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (isWorkingDay(first.plusDays(i))) count++;
            index[i] = count;
        }
    }

    public static WorkingCalendar from(WarehouseConfig config) {
        return new WorkingCalendar(config.date("calendar.first"), config.date("calendar.last"),
                readBankHolidays(config), new HashSet<>(config.dates("calendar.closure.days")));
    }

    static Set<LocalDate> readBankHolidays(WarehouseConfig config) {
        Set<LocalDate> out = new HashSet<>();
        try (Reader r = new InputStreamReader(config.conf().open("reference/bank_holidays_england_wales.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(LocalDate.parse(rec.get("date")));
            }
        } catch (IOException e) {
            throw Errors.of("Bank holiday list cannot be read.", e.getMessage(),
                    "Restore conf/reference/bank_holidays_england_wales.csv (columns date,name).", e);
        }
        return out;
    }

    public LocalDate first() { return first; }
    public LocalDate last() { return last; }

    public boolean isBankHoliday(LocalDate d) { return bankHolidays.contains(d); }
    public boolean isClosure(LocalDate d) { return closures.contains(d); }

    public boolean isWorkingDay(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !bankHolidays.contains(d) && !closures.contains(d);
    }

    /** Working days d with first <= d <= date. */
    public int workingDayIndex(LocalDate date) {
        if (date.isBefore(first) || date.isAfter(last)) {
            throw Errors.of("Date " + date + " is outside the calendar " + first + " to " + last + ".",
                    "calendar.first / calendar.last do not cover the data.",
                    "Widen calendar.first and calendar.last in conf/warehouse.properties.");
        }
        return index[(int) ChronoUnit.DAYS.between(first, date)];
    }

    /** Working days d with from < d <= to; negative when to is before from. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        return workingDayIndex(to) - workingDayIndex(from);
    }

    /** The date N working days after from (N >= 0): the last day still "within N working days". */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        LocalDate d = from;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) left--;
        }
        return d;
    }

    /** Financial year label (April to March), e.g. 2015-16 for 2016-02-01. */
    public static String financialYear(LocalDate d) {
        int start = d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    public static LocalDate financialYearStart(LocalDate d) {
        int start = d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
        return LocalDate.of(start, 4, 1);
    }

    /** Q1 = Apr-Jun ... Q4 = Jan-Mar. */
    public static int financialQuarter(LocalDate d) {
        return ((d.getMonthValue() + 8) % 12) / 3 + 1;
    }

    public static LocalDate quarterEnd(LocalDate d) {
        int m = d.getMonthValue();
        int endMonth = ((m - 1) / 3) * 3 + 3;
        return YearMonth.of(d.getYear(), endMonth).atEndOfMonth();
    }

    public static LocalDate monthEnd(LocalDate d) {
        return YearMonth.from(d).atEndOfMonth();
    }

    /** "Within 12 months of D": on or after D minus 12 calendar months (29 Feb -> 28 Feb). */
    public static LocalDate twelveMonthsBefore(LocalDate d) {
        return d.minusMonths(12);
    }

    public List<LocalDate> days() {
        return first.datesUntil(last.plusDays(1)).toList();
    }
}
