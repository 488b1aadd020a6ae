package org.csc.etl.simulate;

import org.csc.warehouse.config.WarehouseConfig;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Calibration knobs. The values reproduce the seed report and Darlington's published figures
 * (KPI_DEFINITIONS.md, benchmarks.csv) per financial year; stocks (children on plans and looked
 * after) are targets per 10,000 that the journeys steer towards, interpolated between 31 March
 * anchors so that the year-end figures land where DfE published them.
 */
final class Rates {
    private static final LocalDate[] CP_DATES = {d(2010, 4, 1), d(2014, 3, 31), d(2015, 3, 31), d(2016, 3, 31), d(2017, 3, 31)};
    private static final double[] CP_PER_10K = {40, 40, 37.9, 58, 55};
    private static final LocalDate[] CLA_DATES = {d(2010, 4, 1), d(2014, 3, 31), d(2015, 3, 31), d(2015, 12, 31), d(2016, 3, 31), d(2017, 3, 31)};
    private static final double[] CLA_PER_10K = {86, 87, 88, 83, 90, 88};

    private final WarehouseConfig config;
    private final int scale;

    Rates(WarehouseConfig config, int scale) {
        this.config = config;
        this.scale = scale;
    }

    private static LocalDate d(int y, int m, int day) { return LocalDate.of(y, m, day); }

    private static int fy(LocalDate d) { return d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1; }

    /** Under-18 population for the calendar year, times the scale; nearest configured year outside the range. */
    double population(int year) {
        for (int k = 0; k < 50; k++) {
            if (config.has("population." + (year - k))) return config.integer("population." + (year - k)) * (double) scale;
            if (config.has("population." + (year + k))) return config.integer("population." + (year + k)) * (double) scale;
        }
        return 22700.0 * scale;
    }

    /** Referrals per contact: 665 per 10k in 2014-15 and 908 in 2015-16 from about 517 contacts a month. */
    double contactToReferral(LocalDate d) {
        int y = fy(d);
        return y <= 2014 ? 0.243 : y == 2015 ? 0.332 : 0.32;
    }

    /** 444 CAFs in nine months to December 2015: about 49 a month of 517 contacts. */
    double earlyHelpShare() { return 0.0955; }

    double rereferral(LocalDate d) {
        int y = fy(d);
        return y <= 2014 ? 0.165 : y == 2015 ? 0.223 : 0.22;
    }

    /** 41% of referrals end in no further action; none of the strategy-discussion quarter does. */
    double nfaGivenNoStrategy() { return 0.41 / 0.75; }

    double assessmentWithin45(LocalDate start) {
        int y = fy(start);
        return y <= 2013 ? 0.74 : y == 2014 ? 0.80 : y == 2015 ? 0.88 : 0.88;
    }

    double icpcGivenS47() { return 0.37; }

    double icpcWithin15() { return 0.826; }

    double cpStock(LocalDate d) { return interpolate(CP_DATES, CP_PER_10K, d) * population(d.getYear()) / 10_000; }

    double claStock(LocalDate d) { return interpolate(CLA_DATES, CLA_PER_10K, d) * population(d.getYear()) / 10_000; }

    double careStartsPerDay() { return 95.0 / 365; }

    double placementMovesPerYear() { return 0.65; }

    /**
     * Aim between the seed's 12.37% (December 2015) and the published 11% (March 2016); the
     * steering can hold moves back but not undo them, so the share settles about half a point above.
     */
    double threePlusShare() { return 0.111; }

    double agencyShare(LocalDate d) {
        int y = fy(d);
        return y <= 2014 ? 0.12 : 0.55;
    }

    private static double interpolate(LocalDate[] dates, double[] values, LocalDate d) {
        if (!d.isAfter(dates[0])) return values[0];
        for (int i = 1; i < dates.length; i++) {
            if (!d.isAfter(dates[i])) {
                double f = (double) ChronoUnit.DAYS.between(dates[i - 1], d) / ChronoUnit.DAYS.between(dates[i - 1], dates[i]);
                return values[i - 1] + f * (values[i] - values[i - 1]);
            }
        }
        return values[values.length - 1];
    }
}
