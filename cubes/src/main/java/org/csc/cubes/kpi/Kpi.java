package org.csc.cubes.kpi;

import java.util.List;

/**
 * One indicator, defined once. The cube builder, the published catalog table and the reports all
 * read this; nothing else knows individual indicators.
 *
 * <p>{@code membersSql} is Spark SQL over the star returning one row per counted record:
 * EVENT indicators return (member_key, child_key, event_date, team, area, num, den); ASAT
 * indicators are evaluated on every date of the view {@code asat_dates(as_at)} and return
 * (as_at, member_key, child_key, team, area, num, den). num/den are 0 or 1 (or a count).
 */
public record Kpi(String code, String title, String description, Unit unit, Polarity polarity,
                  List<Basis> bases, Kind kind, String membersSql) {

    public enum Unit {
        COUNT(1), PERCENT(100), PER_10K(10_000), RATIO(1);
        private final int multiplier;
        Unit(int multiplier) { this.multiplier = multiplier; }
        public int multiplier() { return multiplier; }
    }

    public enum Polarity { HIGH, LOW, NONE }

    /** MONTH/QUARTER/YEAR: events dated in that period; YTD: since 1 April; R12: 12 months to the end; ASAT: position on the last day. */
    public enum Basis { MONTH, YTD, R12, ASAT }

    public enum Kind { EVENT, ASAT }

    public boolean usesPopulation() { return unit == Unit.PER_10K; }
}
