package org.csc.etl.simulate;

import org.csc.warehouse.errors.Errors;

import java.nio.file.Path;
import java.time.LocalDate;

/** What the {@code csc simulate} command passes to {@link Simulator#run}. */
public record SimulationOptions(Path out, long seed, LocalDate from, LocalDate to, LocalDate goLive,
                                int scale, int deltaEveryDays, double defectRate) {

    public static final double DEFAULT_DEFECT_RATE = 0.02;

    public SimulationOptions {
        if (out == null) {
            throw Errors.of("No output directory given for the simulation.", "--out is required.",
                    "Pass --out DIR (a new or empty directory).");
        }
        if (from == null || to == null || goLive == null || !from.isBefore(to)) {
            throw Errors.of("The simulation window " + from + " to " + to + " is empty.",
                    "--from must be before --to.", "Pass --from and --to as yyyy-MM-dd with from < to.");
        }
        if (goLive.isBefore(from.plusMonths(1)) || goLive.isAfter(to)) {
            throw Errors.of("Go-live " + goLive + " is outside the simulation window.",
                    "Care First needs at least a month before go-live and Liquid Logic a day after it.",
                    "Pass --go-live between " + from.plusMonths(1) + " and " + to + ".");
        }
        if (scale < 1 || scale > 1000) {
            throw Errors.of("Scale " + scale + " is out of range.", "--scale multiplies the authority's size.",
                    "Pass --scale between 1 and 1000.");
        }
        if (deltaEveryDays < 1 || deltaEveryDays > 31) {
            throw Errors.of("Delta interval " + deltaEveryDays + " days is out of range.",
                    "Liquid Logic sends a DELTA drop every N days.", "Pass --delta-every between 1d and 31d.");
        }
        if (!(defectRate >= 0 && defectRate <= 0.2)) {
            throw Errors.of("Defect rate " + defectRate + " is out of range.",
                    "--defects is the share of records given each kind of recording defect.",
                    "Pass --defects between 0 and 0.2 (0.02 is realistic).");
        }
    }

    public static SimulationOptions defaults(Path out) {
        return new SimulationOptions(out, 42L, LocalDate.of(2013, 4, 1), LocalDate.of(2017, 3, 31),
                LocalDate.of(2016, 4, 1), 1, 1, DEFAULT_DEFECT_RATE);
    }

    public SimulationOptions withWindow(LocalDate newFrom, LocalDate newTo, LocalDate newGoLive) {
        return new SimulationOptions(out, seed, newFrom, newTo, newGoLive, scale, deltaEveryDays, defectRate);
    }

    public SimulationOptions withSeed(long newSeed) {
        return new SimulationOptions(out, newSeed, from, to, goLive, scale, deltaEveryDays, defectRate);
    }

    public SimulationOptions withOut(Path newOut) {
        return new SimulationOptions(newOut, seed, from, to, goLive, scale, deltaEveryDays, defectRate);
    }

    public SimulationOptions withScale(int newScale) {
        return new SimulationOptions(out, seed, from, to, goLive, newScale, deltaEveryDays, defectRate);
    }
}
