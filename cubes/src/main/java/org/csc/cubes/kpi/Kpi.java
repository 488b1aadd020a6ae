package org.csc.cubes.kpi;

import java.util.List;

/**
 * One indicator, defined once. The cube builder, the published catalog table and the reports all
 * read this; nothing else knows individual indicators.
 *
 * <p>{@code membersSql} is Spark SQL over the star returning one row per counted record:
 * EVENT indicators return (member_key, child_key, event_date, team, area, num, den); ASAT
 * indicators are evaluated on every date of the view {@code asat_dates(as_at)} and return
 * (as_at, member_key, child_key, team, area, num, den). num/den are 0/1, a count or an FTE
 * (DOUBLE). {@code ${name}} placeholders are parameters from conf/kpi_parameters.csv.
 *
 * <p>An ASAT-kind indicator may carry a YTD basis: its cohort is then evaluated at the period end
 * but spans the year (e.g. children who started to be looked after since 1 April).
 *
 * @param extraMeasure when not null, members also return a column {@code extra} (summed like num)
 *                     published beside the ratio under this label (e.g. unknown distances).
 * @param denominator  how the denominator aggregates over a window of several months.
 * @param grain        what one member is about: CHILD members are each one child's record and follow
 *                     from that child's star rows (and the workers allocated to it), so a nightly keeps
 *                     those of children whose rows did not change ({@link MemberReuse}); WORKFORCE
 *                     members (workers, services) return a NULL child_key and are computed every run.
 */
public record Kpi(String code, String title, String description, Unit unit, Polarity polarity,
                  List<Basis> bases, Kind kind, String membersSql, String extraMeasure, Denominator denominator, Grain grain) {

    public Kpi(String code, String title, String description, Unit unit, Polarity polarity,
               List<Basis> bases, Kind kind, String membersSql) {
        this(code, title, description, unit, polarity, bases, kind, membersSql, null, Denominator.SUM, Grain.CHILD);
    }

    public Kpi withExtra(String label) {
        return new Kpi(code, title, description, unit, polarity, bases, kind, membersSql, label, denominator, grain);
    }

    public Kpi withDenominator(Denominator d) {
        return new Kpi(code, title, description, unit, polarity, bases, kind, membersSql, extraMeasure, d, grain);
    }

    public Kpi withGrain(Grain g) {
        return new Kpi(code, title, description, unit, polarity, bases, kind, membersSql, extraMeasure, denominator, g);
    }

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

    public enum Grain { CHILD, WORKFORCE }

    /**
     * SUM: the denominators of the members add up (counts). MONTHLY_AVERAGE: each member's
     * denominator is a monthly stock (staff FTE in a month), so a window of several months divides
     * the sum by the number of months with data (days lost in the year / average FTE).
     */
    public enum Denominator { SUM, MONTHLY_AVERAGE }

    public boolean usesPopulation() { return unit == Unit.PER_10K; }
}
