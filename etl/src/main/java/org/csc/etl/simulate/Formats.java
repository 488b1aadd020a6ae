package org.csc.etl.simulate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Date and flag spellings of each system (sources/README.md, file conventions). */
final class Formats {
    private Formats() {}

    private static final DateTimeFormatter CF_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter CF_DATETIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter LL_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    static String cfDate(LocalDate d) { return d == null ? null : CF_DATE.format(d); }
    static String cfDateTime(LocalDateTime t) { return t == null ? null : CF_DATETIME.format(t); }
    static String llDate(LocalDate d) { return d == null ? null : d.toString(); }
    static String llDateTime(LocalDateTime t) { return t == null ? null : LL_DATETIME.format(t); }
    static String llDateTime(LocalDate d) { return d == null ? null : LL_DATETIME.format(d.atStartOfDay()); }
    static String flag(boolean b) { return b ? "Y" : "N"; }

    /** An impossible date in the same month: the warehouse must quarantine it, not crash. */
    static String cfImpossible(LocalDate d) { return "31/02/" + d.getYear(); }
    static String llImpossible(LocalDate d) { return d.getYear() + "-02-30 00:00:00.000"; }
}
