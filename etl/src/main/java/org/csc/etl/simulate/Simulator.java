package org.csc.etl.simulate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.csc.warehouse.calendar.WorkingCalendar;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csc.etl.simulate.World.SicknessMonth;
import java.util.stream.Stream;

/**
 * The simulated authority: walks the children's journeys, then writes what each system would
 * have exported on each extract date (Care First monthly until go-live, Liquid Logic from go-live),
 * the manual and HR files, and the ground truth in {@code _truth/}.
 */
public final class Simulator {
    public static final String TRUTH_DIR = "_truth";
    /** Liquid Logic sends a FULL drop again about twice a year. */
    static final int FULL_EVERY_DAYS = 182;

    private Simulator() {}

    public static SimulationSummary run(SimulationOptions o, WarehouseConfig config) {
        long t0 = System.nanoTime();
        Path out = o.out();
        requireEmpty(out);
        WorkingCalendar cal = calendar(config, o);
        Path truth = out.resolve(TRUTH_DIR);

        Map<LocalDate, DropWriter> cfDrops = new LinkedHashMap<>(), llDrops = new LinkedHashMap<>();
        DropWriter manual = new DropWriter(out.resolve("manual"), "manual", "", "", "");
        DropWriter truthOut = new DropWriter(truth, "truth", "", "", "");
        Map<String, KpiTruth.Row> kpiRows = new LinkedHashMap<>();
        Map<String, SicknessMonth> sickness = new LinkedHashMap<>();
        LocalDateTime lastExtract = null;
        List<Integer> shards = shardScales(o.scale(), config.integer("simulate.shard.scale"));
        for (int shard = 0; shard < shards.size(); shard++) {
            // One shard's world at a time, written and dropped before the next: memory is bounded by the
            // shard scale, not the authority's. Shard 0 is the world a one-shard run simulates.
            SimulationOptions so = o.withScale(shards.get(shard)).withSeed(shard == 0 ? o.seed() : o.seed() * 1_000_003L + shard);
            Rates rates = new Rates(config, so.scale());
            Journeys journeys = new Journeys(so, rates, cal, shard);
            World w = journeys.simulate();
            CareFirstExport cf = new CareFirstExport(w, o.goLive());
            for (LocalDate e : careFirstExtracts(o)) cf.write(cfDrops.computeIfAbsent(e, x -> drop(out, "carefirst", x, "FULL")), e.atTime(1, 30));
            LiquidLogicExport ll = new LiquidLogicExport(w, o.goLive());
            if (shard > 0) ll.withoutReferenceTables(); // one authority, one list of departments
            LocalDateTime previous = null;
            LocalDate nextFull = o.goLive().plusDays(FULL_EVERY_DAYS);
            for (LocalDate e = o.goLive(); !e.isAfter(o.to().plusDays(1)); e = e.plusDays(o.deltaEveryDays())) {
                boolean full = previous == null || !e.isBefore(nextFull);
                if (full && previous != null) nextFull = nextFull.plusDays(FULL_EVERY_DAYS);
                String mode = full ? "FULL" : "DELTA";
                ll.write(llDrops.computeIfAbsent(e, x -> drop(out, "liquidlogic", x, mode)), e.atTime(1, 30), full ? null : previous);
                previous = e.atTime(1, 30);
            }
            lastExtract = previous;
            new ManualExport(w, so, cal, journeys.defects()).writeLogs(manual);
            for (SicknessMonth m : w.sickness) {
                sickness.merge(m.month() + "|" + m.service(), m,
                        (a, b) -> new SicknessMonth(a.month(), a.service(), a.fte() + b.fte(), a.daysLost() + b.daysLost()));
            }
            new TruthWriter(w, o.goLive()).write(truthOut, journeys.defects(), previous);
            KpiTruth kpis = new KpiTruth(w, so, cal, rates, config);
            for (KpiTruth.Row r : kpis.compute()) {
                kpiRows.merge(r.kpi() + "|" + r.periodEnd() + "|" + r.basis(), r, (a, b) -> new KpiTruth.Row(a.kpi(), a.periodEnd(), a.basis(),
                        a.numerator() + b.numerator(), a.denominator() + b.denominator()));
            }
            kpis.writeMembers(truthOut);
        }
        List<DropWriter.FileEntry> landing = new ArrayList<>();
        for (DropWriter d : cfDrops.values()) {
            d.finish();
            landing.addAll(d.files());
        }
        for (DropWriter d : llDrops.values()) {
            d.finish();
            landing.addAll(d.files());
        }
        landing.addAll(manual.files());
        landing.addAll(ManualExport.writeSickness(out, o, List.copyOf(sickness.values())));
        List<KpiTruth.Row> rows = new ArrayList<>(kpiRows.values());
        rows.addAll(KpiTruth.sickness(List.copyOf(sickness.values()), o));
        KpiTruth.writeRows(truthOut, rows);
        scenario(truth, o, lastExtract, shards.size());

        long nRows = 0, bytes = 0;
        for (DropWriter.FileEntry f : landing) {
            nRows += f.rows();
            bytes += f.bytes();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new SimulationSummary(cfDrops.size() + llDrops.size(), landing.size(), nRows, bytes, seconds, Calibration.table(truth));
    }

    /** Scale K in shards of at most {@code max}, as equal as whole scales allow, largest first. */
    static List<Integer> shardScales(int scale, int max) {
        int n = (scale + max - 1) / max;
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(scale / n + (i < scale % n ? 1 : 0));
        return l;
    }

    /** The options that produced the truth, so that it can be reproduced and read at its scale. */
    private static List<DropWriter.FileEntry> scenario(Path truth, SimulationOptions o, LocalDateTime lastExtract, int shards) {
        DropWriter w = new DropWriter(truth, "truth", "", "", "");
        try (DropWriter.Table t = w.table("scenario", List.of("key", "value"), StandardCharsets.UTF_8, "\n", false, "")) {
            t.set("key", "seed").set("value", o.seed()).endRow();
            t.set("key", "from").set("value", o.from()).endRow();
            t.set("key", "to").set("value", o.to()).endRow();
            t.set("key", "go_live").set("value", o.goLive()).endRow();
            t.set("key", "scale").set("value", o.scale()).endRow();
            t.set("key", "delta_every_days").set("value", o.deltaEveryDays()).endRow();
            t.set("key", "defect_rate").set("value", o.defectRate()).endRow();
            // What the warehouse can know: an event recorded after this was never in any drop.
            if (lastExtract != null) t.set("key", "last_extract").set("value", lastExtract).endRow();
            if (shards > 1) t.set("key", "shards").set("value", shards).endRow();
        }
        return w.files();
    }

    /** The calibration table of an earlier run, from its {@code _truth} directory. */
    public static String calibration(Path truthDir) {
        return Calibration.table(truthDir);
    }

    /** First of each month after the start, then the final legacy snapshot on go-live day. */
    static List<LocalDate> careFirstExtracts(SimulationOptions o) {
        List<LocalDate> l = new ArrayList<>();
        for (LocalDate e = o.from().plusMonths(1).withDayOfMonth(1); e.isBefore(o.goLive()); e = e.plusMonths(1)) l.add(e);
        l.add(o.goLive());
        return l;
    }

    private static DropWriter drop(Path out, String system, LocalDate e, String mode) {
        return new DropWriter(out.resolve(system).resolve(e.toString()), system, e.toString(), e + "T01:30:00", mode);
    }

    private static void requireEmpty(Path out) {
        if (!Files.exists(out)) return;
        if (!Files.isDirectory(out)) {
            throw Errors.of("The simulation output " + out + " is a file.", "--out must name a directory.",
                    "Pass --out with a new or empty directory.");
        }
        try (Stream<Path> s = Files.list(out)) {
            if (s.findAny().isPresent()) {
                throw Errors.of("The simulation output directory " + out + " is not empty.",
                        "Writing over an earlier landing area would mix two simulations' drops.",
                        "Remove the directory or pass --out with a new one.");
            }
        } catch (IOException e) {
            throw Errors.io("list the output directory", out, e);
        }
    }

    /** The warehouse's working-day rules over a span wide enough for the warm-up history. */
    static WorkingCalendar calendar(WarehouseConfig config, SimulationOptions o) {
        Set<LocalDate> holidays = new HashSet<>();
        try (Reader r = new InputStreamReader(config.conf().open("reference/bank_holidays_england_wales.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                holidays.add(LocalDate.parse(rec.get("date")));
            }
        } catch (IOException e) {
            throw Errors.of("Bank holiday list cannot be read.", e.getMessage(),
                    "Restore conf/reference/bank_holidays_england_wales.csv (columns date,name).", e);
        }
        List<LocalDate> closures = config.has("calendar.closure.days") ? config.dates("calendar.closure.days") : List.of();
        return new WorkingCalendar(o.from().minusYears(12), o.to().plusYears(3), holidays, new HashSet<>(closures));
    }
}
