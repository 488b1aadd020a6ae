package org.csc.warehouse.run;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A run's id: the UTC start time, sortable, stamped on every table a run writes. */
public final class RunId {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private RunId() {}

    public static String next(Clock clock) {
        return "run-" + FORMAT.format(clock.instant());
    }
}
