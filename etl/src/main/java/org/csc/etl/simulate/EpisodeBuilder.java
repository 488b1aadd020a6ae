package org.csc.etl.simulate;

import org.csc.etl.simulate.World.*;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Cuts each period of care into 903 episodes: a new episode whenever the legal status or the
 * placement changes (both on one day is one change, reason B). Done after the walk because a
 * period's changes are only known once it has been lived.
 */
final class EpisodeBuilder {
    private final World w;
    private final DefectLog log;
    private final LocalDateTime goLive;
    private final IntSupplier ids;

    EpisodeBuilder(World w, DefectLog log, LocalDateTime goLive, IntSupplier ids) {
        this.w = w;
        this.log = log;
        this.goLive = goLive;
        this.ids = ids;
    }

    void build() {
        for (Period p : w.periods) {
            TreeSet<LocalDate> starts = new TreeSet<>();
            for (Legal l : p.legal) starts.add(l.start);
            for (Placement x : p.placements) starts.add(x.start);
            Episode prev = null;
            for (LocalDate b : starts) {
                if (p.end != null && !b.isBefore(p.end) && !b.equals(p.start)) break;
                Legal l = latest(p.legal, b);
                Placement x = latestPlacement(p.placements, b);
                boolean lc = l.start.equals(b), pc = x.start.equals(b);
                Episode e = new Episode();
                e.id = ids.getAsInt();
                e.period = p;
                e.start = b;
                e.legal = l;
                e.placement = x;
                e.reason = b.equals(p.start) ? "S" : lc && pc ? "B" : lc ? "L" : "P";
                e.recorded = max(lc ? l.recorded : null, pc ? x.recorded : null, p.recorded);
                if (prev != null) {
                    prev.end = b;
                    prev.endReason = "X1";
                    prev.endRecorded = e.recorded;
                }
                p.episodes.add(e);
                prev = e;
            }
            if (prev != null && p.end != null) {
                prev.end = p.end;
                prev.endReason = p.endReason;
                prev.endRecorded = p.endRecorded;
            }
            for (Placement x : p.placements) logPlacementDefects(p, x);
        }
    }

    private void logPlacementDefects(Period p, Placement x) {
        for (DefectClass c : new DefectClass[]{DefectClass.INVALID_CODE, DefectClass.DISTANCE_NOT_NUMERIC}) {
            if (!x.has(c)) continue;
            String detail = c == DefectClass.INVALID_CODE ? "placement type not in the code list" : "distance typed as words";
            if (x.recorded.isBefore(goLive)) {
                for (Episode e : p.episodes) {
                    if (e.placement == x && e.recorded.isBefore(goLive)) log.add(c, Journeys.CF, "LAC_EPISODES", Keys.cf(e.id), detail, e.recorded);
                }
            } else {
                log.add(c, Journeys.LL, "FACT_CLA_PLACEMENT", Keys.ll(x.id), detail, x.recorded);
            }
        }
    }

    private static Legal latest(List<Legal> l, LocalDate b) {
        Legal best = l.get(0);
        for (Legal x : l) if (!x.start.isAfter(b)) best = x;
        return best;
    }

    private static Placement latestPlacement(List<Placement> l, LocalDate b) {
        Placement best = l.get(0);
        for (Placement x : l) if (!x.start.isAfter(b)) best = x;
        return best;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b, LocalDateTime c) {
        LocalDateTime m = c;
        if (a != null && a.isAfter(m)) m = a;
        if (b != null && b.isAfter(m)) m = b;
        return m;
    }
}
