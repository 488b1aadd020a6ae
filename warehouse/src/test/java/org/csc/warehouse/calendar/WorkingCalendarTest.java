package org.csc.warehouse.calendar;

import org.csc.warehouse.config.WarehouseConfig;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingCalendarTest {
    private final WorkingCalendar cal = WorkingCalendar.from(WarehouseConfig.builder().env(Map.of()).build());

    @Test
    void sameDayIsZeroAndWeekendsDoNotCount() {
        LocalDate fri = LocalDate.of(2015, 6, 5);
        assertThat(cal.workingDaysBetween(fri, fri)).isZero();
        assertThat(cal.workingDaysBetween(fri, fri.plusDays(1))).isZero();   // Saturday
        assertThat(cal.workingDaysBetween(fri, fri.plusDays(3))).isEqualTo(1); // Monday
    }

    @Test
    void bankHolidaysAndClosureDaysAreNotWorkingDays() {
        // 2015-12-24 (Thu) -> 2016-01-04 (Mon): 25 Dec Fri and 28 Dec Mon (Boxing Day substitute)
        // are bank holidays, 29 Dec is a local closure; working: 30, 31 Dec, 4 Jan (1 Jan is a holiday).
        assertThat(cal.isBankHoliday(LocalDate.of(2015, 12, 28))).isTrue();
        assertThat(cal.isClosure(LocalDate.of(2015, 12, 29))).isTrue();
        assertThat(cal.workingDaysBetween(LocalDate.of(2015, 12, 24), LocalDate.of(2016, 1, 4))).isEqualTo(3);
    }

    @Test
    void addWorkingDaysIsTheInverseOfBetween() {
        LocalDate start = LocalDate.of(2016, 3, 1);
        LocalDate due = cal.addWorkingDays(start, 45);
        assertThat(cal.workingDaysBetween(start, due)).isEqualTo(45);
        assertThat(cal.isWorkingDay(due)).isTrue();
        // Worked by hand: 2-31 March has 20 working days (Good Friday 25th and Easter Monday 28th
        // are holidays), April 21 (41 by 29 April), 2 May is the Early May bank holiday, so the
        // 42nd-45th are 3-6 May.
        assertThat(due).isEqualTo(LocalDate.of(2016, 5, 6));
    }

    @Test
    void financialYearsAndQuarters() {
        assertThat(WorkingCalendar.financialYear(LocalDate.of(2016, 3, 31))).isEqualTo("2015-16");
        assertThat(WorkingCalendar.financialYear(LocalDate.of(2016, 4, 1))).isEqualTo("2016-17");
        assertThat(WorkingCalendar.financialQuarter(LocalDate.of(2016, 4, 1))).isEqualTo(1);
        assertThat(WorkingCalendar.financialQuarter(LocalDate.of(2015, 12, 31))).isEqualTo(3);
        assertThat(WorkingCalendar.financialQuarter(LocalDate.of(2016, 2, 29))).isEqualTo(4);
        assertThat(WorkingCalendar.quarterEnd(LocalDate.of(2016, 2, 29))).isEqualTo(LocalDate.of(2016, 3, 31));
    }

    @Test
    void twelveMonthsBeforeLeapDayIsTwentyEighthFebruary() {
        assertThat(WorkingCalendar.twelveMonthsBefore(LocalDate.of(2016, 2, 29))).isEqualTo(LocalDate.of(2015, 2, 28));
    }
}
