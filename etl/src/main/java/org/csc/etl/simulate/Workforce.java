package org.csc.etl.simulate;

import org.csc.etl.simulate.World.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/**
 * Teams, staff and caseloads: workers join and leave (agency staff more often), cases are
 * allocated to the least loaded of a few colleagues so that caseloads vary and some exceed the
 * recommended maximum, and a leaver's cases move to colleagues on the day they go.
 */
final class Workforce {
    private final World w;
    private final SplittableRandom rnd;
    private final People people;
    private final int scale;
    private final Rates rates;
    private final IntSupplier ids;
    private final List<Worker> vacancies = new ArrayList<>();
    private final List<LocalDate> vacancyDates = new ArrayList<>();
    Team frontDoor, safeguarding, lacTeam, leavingTeam;
    final Team[] locality = new Team[4];
    final Team[] earlyHelp = new Team[4];

    Workforce(World w, SplittableRandom rnd, People people, int scale, Rates rates, IntSupplier ids) {
        this.w = w;
        this.rnd = rnd;
        this.people = people;
        this.scale = scale;
        this.rates = rates;
        this.ids = ids;
    }

    void teams() {
        for (int a = 1; a <= 3; a++) {
            String one = new String[]{"", "One", "Two", "Three"}[a];
            locality[a] = team("Locality Team " + a, a, "LOCALITY", "Area " + a + " Locality Team",
                    "Area " + a, "AREA" + a, "Locality " + a, "Area " + one + " Locality Team");
        }
        lacTeam = team("Looked After Children Team", 0, "LAC", "LAC Team", "Looked After Children", "L.A.C. Team", "LAC");
        leavingTeam = team("Leaving Care Team", 0, "LEAVING", "Leaving Care", "16+ Team", "LEAVING CARE", "Leaving Care Team");
        safeguarding = team("Safeguarding Unit", 0, "SAFEGUARDING", "Safeguarding Unit", "Safeguarding", "SAFEGUARDING UNIT", "IRO Service");
        frontDoor = team("First Contact Team", 0, "FRONT_DOOR", "First Contact", "Front Door", "FIRST CONTACT", "Duty and Advice");
        for (int a = 1; a <= 3; a++) {
            earlyHelp[a] = team("Early Help Area " + a, a, "EARLY_HELP", "Early Help Area " + a, "EH Area " + a,
                    "Early Help - Area " + new String[]{"", "One", "Two", "Three"}[a], "EARLY HELP " + a);
        }
    }

    private Team team(String name, int area, String kind, String cfName, String... variants) {
        Team t = new Team();
        t.id = w.teams.size() + 1;
        t.name = name;
        t.area = area;
        t.kind = kind;
        t.cfName = cfName;
        t.cfVariants = variants;
        w.teams.add(t);
        return t;
    }

    void staffTeam(Team t, LocalDate warm) {
        List<String> titles = new ArrayList<>();
        titles.add("TM");
        switch (t.kind) {
            case "LOCALITY" -> { titles.add("PS"); titles.add("AP"); titles.add("ASYE"); add(titles, "SW", 9); add(titles, "FSW", 2); }
            case "LAC" -> { titles.add("AP"); add(titles, "SW", 9); }
            case "LEAVING" -> add(titles, "PA", 5);
            case "SAFEGUARDING" -> add(titles, "PS", 4);
            case "FRONT_DOOR" -> add(titles, "SW", 4);
            default -> add(titles, "FSW", 3);
        }
        for (int k = 0; k < scale; k++) {
            for (String title : titles) hire(t, title, warm.minusDays(30 + rnd.nextInt(3000)), warm);
        }
    }

    private static void add(List<String> l, String s, int n) { for (int i = 0; i < n; i++) l.add(s); }

    private Worker hire(Team t, String title, LocalDate start, LocalDate asOf) {
        Worker x = new Worker();
        x.id = ids.getAsInt();
        x.forename = people.forename(rnd.nextBoolean() ? 'F' : 'M');
        x.surname = people.surname();
        x.team = t;
        x.jobTitle = title;
        x.start = start;
        boolean social = !title.equals("FSW") && !title.equals("PA");
        x.qualified = social;
        x.registration = social ? "SW" + (10000 + x.id) : null;
        x.employment = social && rnd.nextDouble() < rates.agencyShare(asOf) ? "Agency" : "Permanent";
        double f = rnd.nextDouble();
        x.fte = f < 0.75 ? 1.0 : f < 0.88 ? 0.8 : f < 0.95 ? 0.6 : 0.5;
        x.staffId = rnd.nextDouble() < 0.03 ? "unknown" : "E" + (200000 + x.id);
        x.recorded = start.atTime(8, 30);
        w.workers.add(x);
        t.active.add(x);
        return x;
    }

    void workforce(LocalDate d) {
        for (int i = vacancyDates.size() - 1; i >= 0; i--) {
            if (!vacancyDates.get(i).isAfter(d)) {
                Worker left = vacancies.remove(i);
                vacancyDates.remove(i);
                hire(left.team, left.jobTitle.equals("ASYE") ? "ASYE" : left.jobTitle, d, d);
            }
        }
        for (Team t : w.teams) {
            for (int i = t.active.size() - 1; i >= 0; i--) {
                Worker x = t.active.get(i);
                double annual = x.employment.equals("Agency") ? 0.45 : 0.14;
                if (rnd.nextDouble() < annual / 365.0) leave(x, d, i);
            }
        }
    }

    private void leave(Worker x, LocalDate d, int index) {
        x.end = d;
        x.endRecorded = d.atTime(17, 0);
        x.team.active.remove(index);
        vacancies.add(x);
        vacancyDates.add(d.plusDays(20 + rnd.nextInt(70)));
        // the leaver's cases move to colleagues on the day they leave
        for (Child c : new ArrayList<>(activeChildrenOf(x))) {
            Allocation a = c.allocation;
            endAllocation(c, d);
            allocate(c, x.team, a.role, d, a.referral);
        }
    }

    private final java.util.Map<Integer, List<Child>> casesByWorker = new java.util.TreeMap<>();

    private List<Child> activeChildrenOf(Worker x) {
        return casesByWorker.getOrDefault(x.id, List.of());
    }

    private Worker pickCaseholder(Team t, LocalDate d) {
        Worker best = null;
        for (int k = 0; k < 3; k++) {
            List<Worker> pool = t.active;
            if (pool.isEmpty()) return null;
            Worker x = pool.get(rnd.nextInt(pool.size()));
            if (!x.caseHolding() || x.start.isAfter(d)) continue;
            if (best == null || x.caseload < best.caseload) best = x;
        }
        if (best == null) {
            for (Worker x : t.active) if (x.caseHolding()) return x;
        }
        return best;
    }

    Worker anyWorker(Team t) {
        return t.active.isEmpty() ? null : t.active.get(rnd.nextInt(t.active.size()));
    }

    void allocate(Child c, Team t, String role, LocalDate d, Referral r) {
        if (c.allocation != null) endAllocation(c, d);
        Worker x = pickCaseholder(t, d);
        if (x == null) return;
        Allocation a = new Allocation();
        a.id = ids.getAsInt();
        a.child = c;
        a.worker = x;
        a.role = role;
        a.start = d;
        a.referral = r;
        a.recorded = d.atTime(10, 0).plusMinutes(rnd.nextInt(400));
        w.allocations.add(a);
        c.allocation = a;
        x.caseload++;
        casesByWorker.computeIfAbsent(x.id, k -> new ArrayList<>()).add(c);
        if (rnd.nextDouble() < 0.15) {
            // an involved professional alongside the allocated worker: not a caseload
            Allocation k = new Allocation();
            k.id = ids.getAsInt();
            k.child = c;
            k.worker = anyWorker(t) == null ? x : anyWorker(t);
            k.role = "KA";
            k.start = d;
            k.end = d.plusDays(30 + rnd.nextInt(120));
            k.endRecorded = k.end.atTime(12, 0);
            k.referral = r;
            k.recorded = a.recorded;
            w.allocations.add(k);
        }
    }

    void endAllocation(Child c, LocalDate d) {
        Allocation a = c.allocation;
        if (a == null) return;
        a.end = d;
        a.endRecorded = d.atTime(16, 0);
        a.worker.caseload--;
        List<Child> l = casesByWorker.get(a.worker.id);
        if (l != null) l.remove(c);
        c.allocation = null;
    }

    void sickness(LocalDate monthEnd) {
        double fte = 0;
        for (Team t : w.teams) for (Worker x : t.active) fte += x.fte;
        String month = monthEnd.toString().substring(0, 7);
        double csc = fte * (5.88 / 12) * (0.6 + 0.8 * rnd.nextDouble());
        w.sickness.add(new SicknessMonth(month, "Children's Social Care", round1(fte), round1(csc)));
        double ls = 45.0 * scale;
        w.sickness.add(new SicknessMonth(month, "Life Stages 0-25", ls, round1(ls * (17.5 / 12) * (0.6 + 0.8 * rnd.nextDouble()))));
        double auth = 2400.0 * scale;
        w.sickness.add(new SicknessMonth(month, "Authority", auth, round1(auth * (6.68 / 12) * (0.85 + 0.3 * rnd.nextDouble()))));
    }

    static double round1(double v) { return Math.round(v * 10) / 10.0; }

}
