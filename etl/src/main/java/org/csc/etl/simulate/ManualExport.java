package org.csc.etl.simulate;

import org.csc.etl.simulate.World.*;
import org.csc.warehouse.calendar.WorkingCalendar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.csc.etl.simulate.Formats.cfDate;

/**
 * The spreadsheets kept outside the case systems: the safeguarding unit's ICPC log (its own Y/N,
 * optimistic for late conferences), the interim dental log, and HR's monthly sickness figures.
 */
final class ManualExport {
    private final World w;
    private final SimulationOptions o;
    private final WorkingCalendar cal;
    private final DefectLog log;
    private final LocalDateTime goLive;

    ManualExport(World w, SimulationOptions o, WorkingCalendar cal, DefectLog log) {
        this.w = w;
        this.o = o;
        this.cal = cal;
        this.log = log;
        this.goLive = o.goLive().atStartOfDay();
    }

    /** CHILD_REF is the Care First client number before go-live and LL + person id after it. */
    private String childRef(Child c, LocalDate when) {
        return when.atStartOfDay().isBefore(goLive) && c.recorded.isBefore(goLive) ? String.valueOf(Keys.cf(c.id)) : "LL" + Keys.ll(c.id);
    }

    /** The ICPC tracker and dental log rows of this world, appended to {@code manual}. */
    void writeLogs(DropWriter manual) {
        SplittableRandom rnd = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
        try (DropWriter.Table t = manual.table("icpc_tracker", List.of("CHILD_REF", "STRATEGY_DATE", "ICPC_DATE", "WITHIN_15_DAYS", "COMMENTS"),
                StandardCharsets.UTF_8, "\n", false, "")) {
            for (Conference c : w.conferences) {
                if (!c.type.equals("ICPC") || c.date.isBefore(o.from()) || c.date.isAfter(o.to())) continue;
                boolean within = cal.workingDaysBetween(c.s47.strategyDate, c.date) <= 15;
                boolean says = within;
                String ref = childRef(c.child, c.date);
                if (!within && o.defectRate() > 0 && rnd.nextDouble() < DefectClass.ICPC_LOG_WRONG_YN.probability(o.defectRate())) {
                    says = true;
                    log.add(DefectClass.ICPC_LOG_WRONG_YN, "manual", "icpc_tracker", ref + "|" + cfDate(c.date), "log says Y, conference was late");
                }
                t.set("CHILD_REF", ref).set("STRATEGY_DATE", cfDate(c.s47.strategyDate)).set("ICPC_DATE", cfDate(c.date))
                        .set("WITHIN_15_DAYS", says ? "Y" : "N").set("COMMENTS", rnd.nextDouble() < 0.1 ? "chair availability, date moved" : null)
                        .endRow();
            }
        }
        try (DropWriter.Table t = manual.table("dental_checks", List.of("CHILD_REF", "CHECK_DATE", "RECORDED_BY"),
                StandardCharsets.UTF_8, "\n", false, "")) {
            for (Health h : w.health) {
                if (!h.type.equals("DENTAL") || h.date == null || !(h.manualOnly || h.alsoManual)) continue;
                // The log goes back a year before the first reported month: a dental check counts for
                // 12 months, and a check only ever written in the log would otherwise be in no source.
                if (h.date.isBefore(o.from().minusYears(1)) || h.date.isAfter(o.to())) continue;
                String ref = childRef(h.child, h.date);
                if (h.manualOnly) log.add(DefectClass.DENTAL_ONLY_IN_MANUAL_LOG, "manual", "dental_checks", ref + "|" + cfDate(h.date), "not in the case system");
                t.set("CHILD_REF", ref).set("CHECK_DATE", cfDate(h.date)).set("RECORDED_BY", h.id % 2 == 0 ? "LAC nurse" : "Business support").endRow();
            }
        }
    }

    /** HR reports one row per month and service for the whole authority: the shards' months added up. */
    static List<DropWriter.FileEntry> writeSickness(Path landing, SimulationOptions o, List<SicknessMonth> months) {
        DropWriter hr = new DropWriter(landing.resolve("hr"), "hr", "", "", "");
        try (DropWriter.Table t = hr.table("sickness", List.of("MONTH", "SERVICE", "FTE", "DAYS_LOST"), StandardCharsets.UTF_8, "\n", false, "")) {
            for (SicknessMonth s : months) {
                if (s.month().compareTo(o.from().toString().substring(0, 7)) < 0) continue;
                t.set("MONTH", s.month()).set("SERVICE", s.service()).set("FTE", String.format(Locale.ROOT, "%.1f", s.fte()))
                        .set("DAYS_LOST", String.format(Locale.ROOT, "%.1f", s.daysLost())).endRow();
            }
        }
        return hr.files();
    }
}
