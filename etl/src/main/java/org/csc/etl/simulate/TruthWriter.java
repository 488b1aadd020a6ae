package org.csc.etl.simulate;

import org.csc.etl.simulate.World.*;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Ground truth beside the landing area: the true event log (one row per true event, keyed by a
 * stable true child id, with the keys the event carries in each system so a checker can find it)
 * and every injected defect.
 */
final class TruthWriter {
    static final List<String> EVENT_COLUMNS = List.of("true_child_id", "event_type", "event_id", "start_date", "end_date",
            "detail", "cf_key", "ll_key", "recorded_at");
    static final List<String> DEFECT_COLUMNS = List.of("class", "system", "table", "primary_key", "detail");

    private final World w;
    private final LocalDateTime goLive;
    private DropWriter.Table t;

    /**
     * A referral entered after a system's last extract leaves the assessment that points at it
     * linked to nothing in the delivered files. Nobody typed the link wrong, but it is an orphan
     * link in the data as the warehouse receives it (DefectClass.ORPHAN_LINK's own definition), so
     * the truth lists it, keyed as the injected ones are.
     */
    private void consequentialOrphans(DropWriter.Table d, LocalDateTime lastExtract) {
        for (Assessment a : w.assessments) {
            if (a.referral == null || a.recorded == null) continue;
            boolean cfOrigin = a.recorded.isBefore(goLive);
            boolean injected = a.has(DefectClass.ORPHAN_LINK);
            if (cfOrigin && !injected && a.visible(goLive) && !a.referral.visible(goLive)) {
                d.set("class", DefectClass.ORPHAN_LINK.name()).set("system", "carefirst").set("table", "ASSESSMENTS")
                        .set("primary_key", String.valueOf(Keys.cf(a.id))).set("detail", "referral entered after the last Care First extract").endRow();
            }
            if (lastExtract != null && !(injected && !cfOrigin) && a.visible(lastExtract) && !a.referral.visible(lastExtract)) {
                d.set("class", DefectClass.ORPHAN_LINK.name()).set("system", "liquidlogic").set("table", "FACT_SINGLE_ASSESSMENT")
                        .set("primary_key", String.valueOf(Keys.ll(a.id))).set("detail", "referral entered after the last extract").endRow();
            }
        }
    }

    TruthWriter(World w, LocalDate goLive) {
        this.w = w;
        this.goLive = goLive.atStartOfDay();
    }

    /** This world's defects and true events, appended to {@code out} (one writer for every shard). */
    void write(DropWriter out, DefectLog log, LocalDateTime lastExtract) {
        try (DropWriter.Table d = out.table("defects", DEFECT_COLUMNS, StandardCharsets.UTF_8, "\n", false, "")) {
            for (DefectLog.Entry e : log.delivered(lastExtract)) {
                d.set("class", e.defect().name()).set("system", e.system()).set("table", e.table())
                        .set("primary_key", e.primaryKey()).set("detail", e.detail()).endRow();
            }
            consequentialOrphans(d, lastExtract);
        }
        try (DropWriter.Table events = out.table("events", EVENT_COLUMNS, StandardCharsets.UTF_8, "\n", false, "")) {
            t = events;
            for (Contact c : w.contacts) if (!c.enteredInError) ev(c.child, "CONTACT", c, c.date, null, c.outcome);
            for (Referral r : w.referrals) ev(r.child, "REFERRAL", r, r.date, r.closeDate, (r.nfa ? "NFA " : "") + (r.closeReason == null ? "" : r.closeReason));
            for (Assessment a : w.assessments) ev(a.child, "ASSESSMENT", a, a.start, a.authorised, a.status.equals("X") ? "cancelled" : "authorised");
            for (S47 s : w.s47s) {
                ev(s.child, "STRATEGY_DISCUSSION", s, s.strategyDate, null, "");
                ev(s.child, "S47", s, s.start, s.end, s.outcome);
            }
            for (Conference c : w.conferences) {
                String type = c.type.equals("ICPC") ? "ICPC" : c.type.equals("TRANSFER_IN") ? "TRANSFER_IN_CONFERENCE" : "CP_REVIEW";
                ev(c.child, type, c, c.date, null, "due " + c.due + (c.planResult ? " plan" : ""));
            }
            for (Plan p : w.plans) ev(p.child, "CP_PLAN", p, p.start, p.end, p.category + "/" + p.latestCategory);
            for (Note n : w.notes) {
                String type = n.type.equals("STVC") ? "CP_VISIT" : n.type.equals("STVL") ? "CLA_VISIT" : "CASE_NOTE";
                ev(n.child, type, n, n.date, null, n.has(DefectClass.STAT_VISIT_AS_CASE_NOTE) ? "recorded as general note" : n.type);
            }
            for (Period p : w.periods) {
                ev(p.child, p.shortBreak ? "SHORT_BREAK" : "PERIOD_OF_CARE", p, p.start, p.end, p.endReason == null ? "" : p.endReason);
                for (Episode e : p.episodes) ev(p.child, "EPISODE", e, e.start, e.end, e.reason + " " + e.legal.code + " " + e.placement.type);
                for (Legal l : p.legal) ev(p.child, "LEGAL_STATUS", l, l.start, l.end, l.code);
                for (Placement x : p.placements) ev(p.child, "PLACEMENT", x, x.start, x.end,
                        x.type + " " + x.provider + " " + (x.distance < 0 ? "distance unknown" : x.distance + " miles"));
            }
            for (Health h : w.health) ev(h.child, "HEALTH_" + h.type, h, h.date == null ? h.due : h.date, null,
                    h.status + (h.manualOnly ? " manual log only" : h.alsoManual ? " also in manual log" : ""));
            for (LeaverContact k : w.leaverContacts) ev(k.child, "CARE_LEAVER_CONTACT", k, k.date, null,
                    k.inTouch + " " + k.accommodation + (k.suitable ? " suitable" : " unsuitable") + " " + k.activity);
            for (Caf f : w.cafs) ev(f.child, "CAF", f, f.start, f.end, "Area " + f.area);
            for (Allocation a : w.allocations) ev(a.child, "ALLOCATION", a, a.start, a.end, a.role + " worker " + Keys.ll(a.worker.id));
        }
    }

    private void ev(Child c, String type, Rec r, LocalDate start, LocalDate end, String detail) {
        Child child = c.duplicateOf != null ? c.duplicateOf : c;
        t.set("true_child_id", child.trueRef()).set("event_type", type).set("event_id", "E" + r.id)
                .set("start_date", start).set("end_date", end).set("detail", detail)
                .set("cf_key", r.recorded != null && r.recorded.isBefore(goLive) ? String.valueOf(Keys.cf(r.id)) : null)
                .set("ll_key", Keys.ll(r.id)).set("recorded_at", r.recorded == null ? null : Formats.llDateTime(r.recorded))
                .endRow();
    }
}
