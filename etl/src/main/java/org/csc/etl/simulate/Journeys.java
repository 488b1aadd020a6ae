package org.csc.etl.simulate;

import org.csc.etl.simulate.World.*;
import org.csc.warehouse.calendar.WorkingCalendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Walks the authority day by day: contacts arrive, some become referrals, assessments,
 * strategy discussions, conferences, plans and periods of care; stocks of children on plans and
 * in care are held near the published levels by adjusting the daily chance that a plan or period
 * ends (feedback), so the calibration does not depend on luck. The warm-up year before the window
 * gives the stocks a realistic history. Defects come from a separate random stream so that the
 * world is the same whatever the defect rate.
 */
final class Journeys {
    static final String CF = "carefirst";
    static final String LL = "liquidlogic";

    private final SimulationOptions o;
    private final Rates rates;
    private final WorkingCalendar cal;
    private final SplittableRandom rnd;
    private final SplittableRandom drnd;
    private final World w = new World();
    private final DefectLog log = new DefectLog();
    private final People people;
    private final Workforce staff;
    private final LocalDateTime goLive;

    /** True children only: duplicate person records must not change which child a draw picks. */
    private final List<Child> pool = new ArrayList<>();
    private final List<Referral> openReferrals = new ArrayList<>();
    private final List<Plan> openPlans = new ArrayList<>();
    private final List<Period> openPeriods = new ArrayList<>();
    private final List<Child> careLeavers = new ArrayList<>();
    private final List<Child> formerPlan = new ArrayList<>();
    private final List<Child> shortBreakChildren = new ArrayList<>();
    private int nextId;
    private final ShareSteer icpcSteer = new ShareSteer();
    private final ShareSteer assessmentSteer = new ShareSteer();
    private final ShareSteer earlyHelpSteer = new ShareSteer();
    private final ShareSteer rereferralSteer = new ShareSteer();
    private static final int DUPLICATE_IDS = 40_000_000;
    /**
     * Shards of a large authority number their records in ranges of their own (a scale-10 shard uses
     * under 2 million ids), clear of shard 0's ranges, so that shard 0 is exactly the world a
     * one-shard run would simulate.
     */
    static final int SHARD_IDS = 4_000_000, SHARD_BASE = 100_000_000, SHARD_DUPLICATES = 3_500_000;
    private final int duplicateIds;
    private int duplicates;

    Journeys(SimulationOptions o, Rates rates, WorkingCalendar cal) {
        this(o, rates, cal, 0);
    }

    Journeys(SimulationOptions o, Rates rates, WorkingCalendar cal, int shard) {
        this.nextId = shard == 0 ? 1 : SHARD_BASE + shard * SHARD_IDS;
        this.duplicateIds = shard == 0 ? DUPLICATE_IDS : SHARD_BASE + shard * SHARD_IDS + SHARD_DUPLICATES;
        this.o = o;
        this.rates = rates;
        this.cal = cal;
        this.rnd = new SplittableRandom(o.seed());
        this.drnd = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + 17);
        this.people = new People(new SplittableRandom(o.seed() + 101));
        this.goLive = o.goLive().atStartOfDay();
        this.staff = new Workforce(w, rnd, people, o.scale(), rates, this::id);
    }

    World world() { return w; }
    DefectLog defects() { return log; }

    World simulate() {
        LocalDate warm = o.from().minusYears(1);
        staff.teams();
        for (Team t : w.teams) staff.staffTeam(t, warm);
        initialStocks(warm);
        for (LocalDate d = warm; !d.isAfter(o.to()); d = d.plusDays(1)) {
            staff.workforce(d);
            contacts(d);
            transfersIn(d);
            careStarts(d);
            referralsDay(d);
            plansDay(d);
            periodsDay(d);
            leaversDay(d);
            shortBreaks(d);
            if (d.plusDays(1).getDayOfMonth() == 1) staff.sickness(d);
        }
        new EpisodeBuilder(w, log, goLive, this::id).build();
        return w;
    }

    int id() {
        if (nextId >= duplicateIds && nextId < duplicateIds + SHARD_IDS - SHARD_DUPLICATES) {
            throw new IllegalStateException("record ids of one shard reached its duplicate range: lower simulate.shard.scale");
        }
        return nextId++;
    }

    // ---------------------------------------------------------------- children

    private Child newChild(LocalDate d, double maxAge) {
        Child c = new Child();
        c.id = id();
        c.gender = rnd.nextDouble() < 0.51 ? 'M' : 'F';
        c.dob = d.minusDays((long) (rnd.nextDouble() * maxAge * 365.25));
        c.forename = people.forename(c.gender);
        c.surname = people.surname();
        c.ethnicity = people.ethnicity();
        double a = rnd.nextDouble();
        c.area = a < 0.376 ? 1 : a < 0.741 ? 2 : 3;
        c.upn = rnd.nextDouble() < 0.7 ? people.upn() : null;
        c.postcode = people.postcode(c.area);
        w.children.add(c);
        pool.add(c);
        return c;
    }

    /** The child's person record enters the system with its first recorded event. */
    private void seen(Child c, LocalDateTime t) {
        if (c.recorded != null && !t.isBefore(c.recorded)) return;
        boolean first = c.recorded == null;
        c.recorded = t;
        if (!first) return;
        String sys = t.isBefore(goLive) ? CF : LL;
        c.originCf = sys.equals(CF);
        if (roll(DefectClass.PLACEHOLDER_POSTCODE)) {
            c.mark(DefectClass.PLACEHOLDER_POSTCODE);
            log.add(DefectClass.PLACEHOLDER_POSTCODE, sys, sys.equals(CF) ? "CLIENTS" : "DIM_PERSON", key(sys, c.id), "home postcode is a placeholder", t);
        }
        if (roll(DefectClass.MISSING_MANDATORY)) {
            c.mark(DefectClass.MISSING_MANDATORY);
            log.add(DefectClass.MISSING_MANDATORY, sys, sys.equals(CF) ? "CLIENTS" : "DIM_PERSON", key(sys, c.id),
                    sys.equals(CF) ? "GENDER blank" : "GENDER_MAIN_CODE blank", t);
        }
        if (sys.equals(CF) && roll(DefectClass.MIGRATED_WITHOUT_LEGACY_ID)) {
            c.noLegacyId = true;
            c.mark(DefectClass.MIGRATED_WITHOUT_LEGACY_ID);
            log.add(DefectClass.MIGRATED_WITHOUT_LEGACY_ID, LL, "DIM_PERSON", Keys.ll(c.id), "LEGACY_ID missing for Care First client " + Keys.cf(c.id), t);
        }
    }

    static String key(String sys, int id) {
        return String.valueOf(sys.equals(CF) ? Keys.cf(id) : Keys.ll(id));
    }

    private double age(Child c, LocalDate d) {
        return ChronoUnit.DAYS.between(c.dob, d) / 365.25;
    }

    // ---------------------------------------------------------------- recording

    private boolean roll(DefectClass c) {
        return o.defectRate() > 0 && drnd.nextDouble() < c.probability(o.defectRate());
    }

    /** When the event was entered: mostly the same or next days; late recording is a defect. */
    private LocalDateTime entered(Rec r, LocalDate event, String cfTable, String llTable) {
        return entered(r, event, cfTable, llTable, true);
    }

    /** Draws the same random numbers whether or not the record reaches a system, so nothing else shifts. */
    private LocalDateTime entered(Rec r, LocalDate event, String cfTable, String llTable, boolean inSystem) {
        int lag;
        double u = rnd.nextDouble();
        lag = u < 0.6 ? 0 : u < 0.95 ? 1 + rnd.nextInt(3) : 4 + rnd.nextInt(7);
        boolean late = roll(DefectClass.LATE_RECORDING);
        if (late) lag = 30 + drnd.nextInt(121);
        if (!inSystem) late = false;
        LocalDateTime t = event.plusDays(lag).atTime(8 + rnd.nextInt(10), rnd.nextInt(60));
        r.recorded = t;
        if (late) {
            r.mark(DefectClass.LATE_RECORDING);
            String detail = "entered " + lag + " days after the event";
            if (t.isBefore(goLive)) log.add(DefectClass.LATE_RECORDING, CF, cfTable, Keys.cf(r.id), detail, t);
            log.add(DefectClass.LATE_RECORDING, LL, llTable, Keys.ll(r.id), detail, t);
        }
        return t;
    }

    private String origin(Rec r) {
        return r.recorded.isBefore(goLive) ? CF : LL;
    }

    /** Logs a defect in the system where the record was first entered. */
    private void defect(Rec r, DefectClass c, String cfTable, String llTable, String detail) {
        r.mark(c);
        String sys = origin(r);
        log.add(c, sys, sys.equals(CF) ? cfTable : llTable, key(sys, r.id), detail, r.recorded);
    }

    private void teamVariant(Rec r, String cfTable) {
        if (origin(r).equals(CF) && roll(DefectClass.TEAM_NAME_VARIANT)) {
            r.mark(DefectClass.TEAM_NAME_VARIANT);
            log.add(DefectClass.TEAM_NAME_VARIANT, CF, cfTable, Keys.cf(r.id), "team typed as a variant", r.recorded);
        }
    }

    // ---------------------------------------------------------------- front door

    private void contacts(LocalDate d) {
        boolean weekend = d.getDayOfWeek().getValue() >= 6;
        double lambda = (weekend ? 5.5 : 21.5) * o.scale();
        int n = poisson(lambda);
        for (int i = 0; i < n; i++) contact(d);
    }

    private void contact(LocalDate d) {
        Contact c = new Contact();
        c.id = id();
        c.date = d;
        c.source = people.source();
        c.team = staff.frontDoor;
        c.worker = staff.anyWorker(staff.frontDoor);
        double pRef = rates.contactToReferral(d);
        double eh = rates.earlyHelpShare();
        boolean earlyHelp = rnd.nextDouble() < earlyHelpSteer.probability(d, eh);
        earlyHelpSteer.record(d, earlyHelp);
        double u = rnd.nextDouble();
        if (earlyHelp) {
            c.outcome = "EARLY_HELP";
            c.child = rnd.nextDouble() < 0.3 && !pool.isEmpty() ? knownChild(d) : newChild(d, 17.9);
        } else if (u < pRef / (1 - eh)) {
            c.outcome = rnd.nextDouble() < 0.25 ? "STRATEGY" : "NEW_REFERRAL";
            Child again = rnd.nextDouble() < 0.1 ? formerPlanChild(d) : null;
            c.child = c.outcome.equals("STRATEGY") && again != null ? again : referralChild(d);
            Referral last = c.child.lastReferral;
            rereferralSteer.record(d, last != null && !last.date.isBefore(WorkingCalendar.twelveMonthsBefore(d)));
        } else {
            double v = rnd.nextDouble();
            if (v < 0.2 && !openReferrals.isEmpty()) c.outcome = "EXISTING";
            else if (v < 0.6) c.outcome = "ADVICE";
            else c.outcome = "NFA";
            if (c.outcome.equals("EXISTING")) c.child = openReferrals.get(rnd.nextInt(openReferrals.size())).child;
            else c.child = rnd.nextDouble() < 0.3 && !pool.isEmpty() ? knownChild(d) : newChild(d, 17.9);
        }
        entered(c, d, "CONTACTS", "FACT_CONTACTS");
        seen(c.child, c.recorded);
        w.contacts.add(c);
        contactDefects(c);
        switch (c.outcome) {
            case "NEW_REFERRAL", "STRATEGY" -> referral(c, c.child, d, c.outcome.equals("STRATEGY"));
            case "EARLY_HELP" -> caf(c.child, d.plusDays(rnd.nextInt(8)));
            default -> { }
        }
        if (!d.isBefore(o.goLive()) && rnd.nextDouble() < 0.01) enteredInError(d);
    }

    private void contactDefects(Contact c) {
        if (roll(DefectClass.MISSING_MANDATORY)) defect(c, DefectClass.MISSING_MANDATORY, "CONTACTS", "FACT_CONTACTS", "contact source blank");
        teamVariant(c, "CONTACTS");
        if (origin(c).equals(LL) && roll(DefectClass.MINUS_ONE_LINK)) defect(c, DefectClass.MINUS_ONE_LINK, "CONTACTS", "FACT_CONTACTS", "DIM_WORKER_ID = -1");
        if (roll(DefectClass.UNPARSEABLE_VALUE) && origin(c).equals(CF) && c.date.getMonthValue() == 2 && c.date.getDayOfMonth() >= 27) {
            defect(c, DefectClass.UNPARSEABLE_VALUE, "CONTACTS", "FACT_CONTACTS", "CONTACT_DATE written as 31/02");
        }
        if (c.child.recorded.isBefore(c.recorded) && roll(DefectClass.DUPLICATE_PERSON)) {
            Child dup = new Child();
            dup.id = duplicateIds + ++duplicates; // own key range, so the defect rate never shifts other keys
            Child t = c.child;
            dup.gender = t.gender;
            dup.dob = t.dob;
            dup.forename = t.forename;
            dup.surname = t.surname;
            dup.ethnicity = t.ethnicity;
            dup.area = t.area;
            dup.postcode = t.postcode;
            dup.duplicateOf = t;
            dup.recorded = c.recorded;
            dup.duplicateMarked = c.recorded.plusDays(5 + drnd.nextInt(55));
            // Care First merged its duplicates before migration; Liquid Logic marks them within the window
            LocalDateTime deadline = dup.recorded.isBefore(goLive) ? goLive.minusHours(7) : o.to().atTime(17, 0);
            if (dup.duplicateMarked.isAfter(deadline)) dup.duplicateMarked = deadline.isAfter(dup.recorded) ? deadline : dup.recorded.plusMinutes(30);
            dup.endRecorded = dup.duplicateMarked;
            w.children.add(dup);
            c.recordedAs = dup;
            c.updated = dup.duplicateMarked; // Liquid Logic moves the contact onto the survivor
            String sys = origin(dup);
            log.add(DefectClass.DUPLICATE_PERSON, sys, sys.equals(CF) ? "CLIENTS" : "DIM_PERSON", key(sys, dup.id),
                    "duplicate of " + key(sys, t.id), dup.recorded);
            dup.mark(DefectClass.DUPLICATE_PERSON);
        }
    }

    /** A contact typed against the wrong child and deleted at source: in a drop, then in _DELETIONS. */
    private void enteredInError(LocalDate d) {
        Contact c = new Contact();
        c.id = id();
        c.date = d;
        c.source = people.source();
        c.team = staff.frontDoor;
        c.worker = staff.anyWorker(staff.frontDoor);
        c.outcome = "NFA";
        c.child = pool.get(rnd.nextInt(pool.size()));
        while (c.child.duplicateOf != null || c.child.recorded == null) c.child = pool.get(rnd.nextInt(pool.size()));
        c.enteredInError = true;
        c.recorded = d.atTime(9 + rnd.nextInt(8), rnd.nextInt(60));
        c.deleted = c.recorded.plusDays(1 + rnd.nextInt(20));
        w.contacts.add(c);
    }

    private Child knownChild(LocalDate d) {
        for (int k = 0; k < 20; k++) {
            Child c = pool.get(rnd.nextInt(pool.size()));
            if (c.duplicateOf == null && c.recorded != null && age(c, d) < 17.5 && age(c, d) >= 0) return c;
        }
        return newChild(d, 17.9);
    }

    private Child referralChild(LocalDate d) {
        if (rnd.nextDouble() < rereferralSteer.probability(d, rates.rereferral(d))) {
            LocalDate since = WorkingCalendar.twelveMonthsBefore(d);
            int lo = firstReferralOnOrAfter(since);
            int n = w.referrals.size() - lo;
            for (int k = 0; k < 30 && n > 0; k++) {
                Referral r = w.referrals.get(lo + rnd.nextInt(n));
                Child c = r.child;
                if (c.openReferral == null && c.openPeriod == null && c.openPlan == null && !c.careLeaver && age(c, d) < 17.8) return c;
            }
        }
        for (int k = 0; k < 20 && rnd.nextDouble() < 0.25; k++) {
            Child c = pool.get(rnd.nextInt(pool.size()));
            if (c.duplicateOf == null && c.recorded != null && c.openReferral == null && c.openPeriod == null && c.openPlan == null
                    && !c.careLeaver && age(c, d) < 17.5 && age(c, d) >= 0
                    && (c.lastReferral == null || c.lastReferral.date.isBefore(WorkingCalendar.twelveMonthsBefore(d)))) return c;
        }
        return newChild(d, 17.9);
    }

    /** A child whose earlier plan ended: the source of second and subsequent plans. */
    private Child formerPlanChild(LocalDate d) {
        if (formerPlan.isEmpty()) return null;
        for (int k = 0; k < 10; k++) {
            Child c = formerPlan.get(rnd.nextInt(formerPlan.size()));
            if (c.openReferral == null && c.openPlan == null && c.openPeriod == null && !c.careLeaver && age(c, d) < 17) return c;
        }
        return null;
    }

    private int firstReferralOnOrAfter(LocalDate since) {
        int lo = 0, hi = w.referrals.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (w.referrals.get(mid).date.isBefore(since)) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    // ---------------------------------------------------------------- referral to plan

    private Referral referral(Contact c, Child child, LocalDate d, boolean strategy) {
        Referral r = new Referral();
        r.id = id();
        r.child = child;
        r.contact = c;
        r.date = d;
        r.source = c == null ? people.source() : c.source;
        r.need = people.need();
        r.strategy = strategy;
        r.team = staff.locality[child.area];
        entered(r, d, "REFERRALS", "FACT_REFERRALS");
        seen(child, r.recorded);
        w.referrals.add(r);
        child.openReferral = r;
        child.lastReferral = r;
        openReferrals.add(r);
        if (roll(DefectClass.INVALID_CODE)) defect(r, DefectClass.INVALID_CODE, "REFERRALS", "FACT_REFERRALS", "category of need not in the code list");
        if (roll(DefectClass.MISSING_MANDATORY)) defect(r, DefectClass.MISSING_MANDATORY, "REFERRALS", "FACT_REFERRALS", "referral source blank");
        teamVariant(r, "REFERRALS");
        if (origin(r).equals(LL) && c != null && roll(DefectClass.MINUS_ONE_LINK)) defect(r, DefectClass.MINUS_ONE_LINK, "REFERRALS", "FACT_REFERRALS", "FACT_CONTACT_ID = -1");
        // drawn whether or not it applies, so that defects (which move records between systems) never shift the world
        boolean corrected = rnd.nextDouble() < 0.04;
        int correctionLag = 2 + rnd.nextInt(40);
        if (corrected && origin(r).equals(LL) && !r.has(DefectClass.INVALID_CODE)) {
            r.correctedNeedFrom = 0;
            r.updated = r.recorded.plusDays(correctionLag);
        }
        if (!strategy && rnd.nextDouble() < rates.nfaGivenNoStrategy()) {
            r.nfa = true;
            r.worker = staff.anyWorker(staff.frontDoor);
            closeReferral(r, d.plusDays(1 + rnd.nextInt(9)), "RC7");
            return r;
        }
        staff.allocate(child, r.team, "CW", d, r);
        r.worker = child.allocation == null ? staff.anyWorker(r.team) : child.allocation.worker;
        assessment(r, d.plusDays(rnd.nextInt(4)));
        if (strategy) s47(r, d.plusDays(rnd.nextInt(3)));
        return r;
    }

    private void closeReferral(Referral r, LocalDate d, String reason) {
        r.closeDate = d;
        r.closeReason = reason;
        r.endRecorded = d.atTime(15, 0).plusMinutes(rnd.nextInt(120));
        openReferrals.remove(r);
        if (r.child.openReferral == r) r.child.openReferral = null;
        if (r.child.allocation != null && r.child.allocation.referral == r && r.child.openPeriod == null) staff.endAllocation(r.child, d);
    }

    private void assessment(Referral r, LocalDate start) {
        Assessment a = new Assessment();
        a.id = id();
        a.child = r.child;
        a.referral = r;
        a.start = start;
        a.team = r.team;
        a.worker = r.worker;
        a.childSeen = rnd.nextDouble() < 0.93;
        entered(a, start, "ASSESSMENTS", "FACT_SINGLE_ASSESSMENT");
        w.assessments.add(a);
        r.assessment = a;
        if (rnd.nextDouble() < 0.03) {
            a.status = "X";
            a.endRecorded = start.plusDays(3 + rnd.nextInt(10)).atTime(11, 0);
            r.plannedClose = start.plusDays(10 + rnd.nextInt(20));
        } else {
            a.status = "C";
            LocalDate expected = cal.addWorkingDays(start, 45);
            boolean within = rnd.nextDouble() < assessmentSteer.probability(expected, rates.assessmentWithin45(start));
            int wd = within ? 8 + rnd.nextInt(38) : 46 + rnd.nextInt(30);
            assessmentSteer.record(expected, within);
            a.authorised = cal.addWorkingDays(start, wd);
            LocalDate done = cal.addWorkingDays(start, Math.max(0, wd - 1 - rnd.nextInt(4)));
            a.completed = done;
            a.endRecorded = a.authorised.atTime(12, 0).plusMinutes(rnd.nextInt(300));
            r.plannedClose = a.authorised.plusDays(rnd.nextInt(21));
        }
        if (roll(DefectClass.ORPHAN_LINK)) defect(a, DefectClass.ORPHAN_LINK, "ASSESSMENTS", "FACT_SINGLE_ASSESSMENT", "referral link points to no referral");
        teamVariant(a, "ASSESSMENTS");
        if (rnd.nextDouble() < 0.8) note(r.child, start.plusDays(rnd.nextInt(10)), rnd.nextBoolean() ? "HVIS" : "TEL", "Assessment visit", r.worker);
    }

    private void s47(Referral r, LocalDate strat) {
        S47 s = new S47();
        s.id = id();
        s.child = r.child;
        s.referral = r;
        s.strategyDate = strat;
        s.start = strat;
        s.end = cal.addWorkingDays(strat, 5 + rnd.nextInt(11));
        s.team = r.team;
        s.worker = r.worker;
        entered(s, strat, "S47_ENQUIRIES", "FACT_S47");
        s.endRecorded = s.end.atTime(14, 0);
        w.s47s.add(s);
        teamVariant(s, "S47_ENQUIRIES");
        if (rnd.nextDouble() < rates.icpcGivenS47()) {
            s.outcome = "ICPC";
            LocalDate expected = cal.addWorkingDays(strat, 15);
            boolean within = rnd.nextDouble() < icpcSteer.probability(expected, rates.icpcWithin15());
            int wd = within ? 4 + rnd.nextInt(12) : 16 + rnd.nextInt(15);
            LocalDate date = cal.addWorkingDays(strat, wd);
            icpcSteer.record(expected, within);
            Conference c = conference(r.child, s, r, "ICPC", cal.addWorkingDays(strat, 15), date);
            s.icpc = c;
            if (roll(DefectClass.DATES_OUT_OF_ORDER)) {
                s.misrecordedStrategy = date.plusDays(1 + drnd.nextInt(5));
                s.mark(DefectClass.DATES_OUT_OF_ORDER);
                String sys = origin(s);
                log.add(DefectClass.DATES_OUT_OF_ORDER, sys, sys.equals(CF) ? "S47_ENQUIRIES" : "FACT_MEETINGS",
                        sys.equals(CF) ? String.valueOf(Keys.cf(s.id)) : String.valueOf(Keys.strategyMeeting(s.id)),
                        "strategy discussion recorded after its ICPC", s.recorded);
            }
            if (rnd.nextDouble() < 0.88 * Math.min(1.13, Math.max(0.25, Math.pow(rates.cpStock(date) / Math.max(1, plansOpenOn(date)), 2)))) plan(c);
        } else {
            s.outcome = rnd.nextDouble() < 0.55 ? "NFA" : "CIN";
        }
    }

    private int plansOpenOn(LocalDate d) {
        int n = 0;
        for (Plan p : openPlans) if (!p.start.isAfter(d)) n++;
        return n;
    }

    private Conference conference(Child child, S47 s, Referral r, String type, LocalDate due, LocalDate date) {
        Conference c = new Conference();
        c.id = id();
        c.child = child;
        c.s47 = s;
        c.referral = r;
        c.type = type;
        c.due = due;
        c.date = date;
        c.recorded = date.atTime(16, 0).plusMinutes(rnd.nextInt(120));
        w.conferences.add(c);
        return c;
    }

    private void plan(Conference icpc) {
        Plan p = new Plan();
        p.id = id();
        p.child = icpc.child;
        p.icpc = icpc;
        p.referral = icpc.referral;
        p.start = icpc.date;
        p.category = people.cpCategory();
        p.latestCategory = rnd.nextDouble() < 0.1 ? people.cpCategory() : p.category;
        p.recorded = icpc.recorded.plusMinutes(30);
        p.previousPlan = icpc.child.lastPlan != null;
        p.previousPlanEnd = p.previousPlan ? icpc.child.lastPlan.end : null;
        icpc.planResult = true;
        icpc.plan = p;
        p.nextReview = icpc.date.plusMonths(3).minusDays(rnd.nextDouble() < 0.93 ? rnd.nextInt(14) : -1 - rnd.nextInt(20));
        p.nextVisit = p.start.plusDays(1 + rnd.nextInt(9));
        icpc.child.openPlan = p;
        icpc.child.lastPlan = p;
        w.plans.add(p);
        openPlans.add(p);
    }

    private void transfersIn(LocalDate d) {
        if (rnd.nextDouble() >= 0.4 * o.scale() / 30.0) return;
        Contact c = new Contact();
        c.id = id();
        c.date = d;
        c.source = People.EXTERNAL_LA;
        c.outcome = "NEW_REFERRAL";
        c.team = staff.frontDoor;
        c.worker = staff.anyWorker(staff.frontDoor);
        c.child = newChild(d, 16);
        entered(c, d, "CONTACTS", "FACT_CONTACTS");
        seen(c.child, c.recorded);
        w.contacts.add(c);
        Referral r = referralWithoutAssessment(c, d);
        LocalDate date = cal.addWorkingDays(d, 5 + rnd.nextInt(10));
        Conference conf = conference(c.child, null, r, "TRANSFER_IN", date, date);
        plan(conf);
    }

    private Referral referralWithoutAssessment(Contact c, LocalDate d) {
        Referral r = new Referral();
        r.id = id();
        r.child = c.child;
        r.contact = c;
        r.date = d;
        r.source = c.source;
        r.need = 1;
        r.team = staff.locality[c.child.area];
        entered(r, d, "REFERRALS", "FACT_REFERRALS");
        w.referrals.add(r);
        c.child.openReferral = r;
        c.child.lastReferral = r;
        openReferrals.add(r);
        staff.allocate(c.child, r.team, "CW", d, r);
        r.worker = c.child.allocation == null ? staff.anyWorker(r.team) : c.child.allocation.worker;
        return r;
    }

    private void referralsDay(LocalDate d) {
        for (int i = openReferrals.size() - 1; i >= 0; i--) {
            Referral r = openReferrals.get(i);
            Child c = r.child;
            if (r.plannedClose != null && !r.plannedClose.isAfter(d)) {
                r.plannedClose = null;
                if (c.openPlan == null && c.openPeriod == null) {
                    closeReferral(r, d, rnd.nextDouble() < 0.45 ? "RC8" : rnd.nextDouble() < 0.5 ? "RC9" : "RC7");
                }
            }
        }
    }

    private void plansDay(LocalDate d) {
        int stock = 0;
        for (Plan p : openPlans) if (!p.start.isAfter(d)) stock++;
        double target = rates.cpStock(d);
        double pressure = Math.pow(Math.max(stock, 1) / target, 5);
        for (int i = openPlans.size() - 1; i >= 0; i--) {
            Plan p = openPlans.get(i);
            if (p.start.isAfter(d)) continue;
            if (!d.isBefore(p.nextVisit)) {
                visit(p.child, d, "STVC", p, null);
                p.nextVisit = d.plusDays(rnd.nextDouble() < 0.72 ? 5 + rnd.nextInt(9) : 15 + rnd.nextInt(12));
            }
            if (!d.isBefore(p.nextReview)) {
                Conference rv = conference(p.child, null, p.referral, "REVIEW", p.reviewsHeld == 0 ? p.icpc.date.plusMonths(3) : d, d);
                rv.plan = p;
                rv.planResult = true;
                p.reviewsHeld++;
                p.nextReview = d.plusMonths(6).minusDays(rnd.nextDouble() < 0.93 ? rnd.nextInt(14) : -1 - rnd.nextInt(20));
            }
            long days = ChronoUnit.DAYS.between(p.start, d);
            boolean adult = age(p.child, d) >= 18;
            if (adult || (days >= 90 && rnd.nextDouble() < pressure / 190.0)) {
                p.end = d;
                p.endReason = adult ? "Child reached 18" : rnd.nextDouble() < 0.1 ? "Child looked after" : "No longer at risk";
                p.endRecorded = d.atTime(16, 30);
                openPlans.remove(i);
                p.child.openPlan = null;
                formerPlan.add(p.child);
                if (p.child.openPeriod == null && p.child.openReferral != null) closeReferral(p.child.openReferral, d.plusDays(rnd.nextInt(6)), "RC7");
            }
        }
    }

    // ---------------------------------------------------------------- care

    private void careStarts(LocalDate d) {
        int stock = 0;
        for (Period p : openPeriods) if (!p.shortBreak) stock++;
        double pull = Math.min(4, Math.max(0.2, Math.pow(rates.claStock(d) / Math.max(stock, 1), 6)));
        int n = poisson(rates.careStartsPerDay() * o.scale() * pull);
        for (int i = 0; i < n; i++) {
            Child c = null;
            for (int k = 0; k < 20 && c == null; k++) {
                Child x;
                if (rnd.nextDouble() < 0.4 && !openPlans.isEmpty()) x = openPlans.get(rnd.nextInt(openPlans.size())).child;
                else if (!openReferrals.isEmpty()) x = openReferrals.get(rnd.nextInt(openReferrals.size())).child;
                else break;
                if (x.openPeriod == null && x.openReferral != null && age(x, d) < 17 && !x.openReferral.date.isAfter(d)
                        && (x.openPlan == null || !x.openPlan.start.isAfter(d))) c = x;
            }
            if (c == null) continue;
            startCare(c, d, c.openReferral);
        }
    }

    private Period startCare(Child c, LocalDate d, Referral r) {
        Period p = new Period();
        p.id = id();
        p.child = c;
        p.referral = r;
        p.start = d;
        p.homePostcode = c.postcode;
        p.need = people.need();
        p.recorded = d.atTime(17, 0).plusMinutes(rnd.nextInt(60));
        seen(c, p.recorded);
        w.periods.add(p);
        openPeriods.add(p);
        c.openPeriod = p;
        c.periods.add(p);
        double u = rnd.nextDouble();
        String legal;
        if (u < 0.1) { legal = "L1"; p.nextLegal = "C1"; p.nextLegalChange = d.plusDays(2 + rnd.nextInt(6)); }
        else if (u < 0.55) { legal = "C1"; if (rnd.nextDouble() < 0.8) { p.nextLegal = "C2"; p.nextLegalChange = d.plusDays(120 + rnd.nextInt(180)); } }
        else legal = "V2";
        legal(p, legal, d);
        placement(p, d, null);
        p.nextVisit = d.plusDays(rnd.nextDouble() < 0.8 ? rnd.nextInt(8) : 8 + rnd.nextInt(10));
        p.nextHealth = d.plusDays(365);
        p.nextDental = d.plusDays(300 + rnd.nextInt(100));
        iha(p);
        staff.allocate(c, staff.lacTeam, "CW", d, r);
        return p;
    }

    private void legal(Period p, String code, LocalDate d) {
        if (!p.legal.isEmpty()) {
            Legal prev = p.legal.get(p.legal.size() - 1);
            prev.end = d;
            prev.endRecorded = d.atTime(15, 0);
        }
        Legal l = new Legal();
        l.id = id();
        l.period = p;
        l.start = d;
        l.code = code;
        l.recorded = d.atTime(16, 0).plusMinutes(rnd.nextInt(60));
        p.legal.add(l);
    }

    private void placement(Period p, LocalDate d, String reason) {
        if (!p.placements.isEmpty()) {
            Placement prev = p.placements.get(p.placements.size() - 1);
            prev.end = d;
            prev.endRecorded = d.atTime(15, 0);
        }
        Placement x = new Placement();
        x.id = id();
        x.period = p;
        x.start = d;
        double a = age(p.child, d);
        x.type = p.shortBreak ? "RES-LA" : people.placementType(a);
        x.provider = people.provider(x.type);
        x.postcode = people.postcode(rnd.nextDouble() < 0.8 ? p.child.area : 4);
        double u = rnd.nextDouble();
        x.distance = u < 0.04 ? -1 : u < 0.72 ? Workforce.round1(rnd.nextDouble() * 10) : u < 0.89 ? Workforce.round1(10 + rnd.nextDouble() * 10) : Workforce.round1(20.5 + rnd.nextDouble() * 60);
        x.changeReason = reason;
        x.recorded = d.atTime(16, 0).plusMinutes(rnd.nextInt(90));
        p.placements.add(x);
        if (!p.shortBreak && roll(DefectClass.INVALID_CODE)) x.mark(DefectClass.INVALID_CODE);
        if (!p.shortBreak && roll(DefectClass.DISTANCE_NOT_NUMERIC)) x.mark(DefectClass.DISTANCE_NOT_NUMERIC);
    }

    private void iha(Period p) {
        Health h = new Health();
        h.id = id();
        h.child = p.child;
        h.type = "IHA";
        h.due = cal.addWorkingDays(p.start, 20);
        boolean within = rnd.nextDouble() < 0.55;
        h.date = within ? cal.addWorkingDays(p.start, 5 + rnd.nextInt(16)) : cal.addWorkingDays(p.start, 21 + rnd.nextInt(40));
        h.status = "COMPLETED";
        entered(h, h.date, "HEALTH", "FACT_HEALTH_CHECK");
        healthDefects(h);
        w.health.add(h);
    }

    private void healthDefects(Health h) {
        if (roll(DefectClass.UNPARSEABLE_VALUE)) defect(h, DefectClass.UNPARSEABLE_VALUE, "HEALTH", "FACT_HEALTH_CHECK", "DUE_DATE is 31 February");
    }

    private void periodsDay(LocalDate d) {
        int stock = 0, unstable = 0;
        for (Period p : openPeriods) {
            if (p.shortBreak) continue;
            stock++;
            if (placementsInYear(p, d) >= 3) unstable++;
        }
        double pressure = Math.pow(Math.max(stock, 1) / rates.claStock(d), 3);
        // placement moves are steered like the stocks: the 3+ placements share is a small-number measure
        double share = stock == 0 ? rates.threePlusShare() : (double) unstable / stock;
        // a move matters to the measure only for a child already on two placements in the year:
        // hold those moves back above the target share and bring them forward below it
        double secondMove = share > rates.threePlusShare() ? 0.1 : 4;
        for (int i = openPeriods.size() - 1; i >= 0; i--) {
            Period p = openPeriods.get(i);
            if (p.shortBreak) continue;
            Child c = p.child;
            if (p.nextLegalChange != null && !d.isBefore(p.nextLegalChange)) {
                int year = placementsInYear(p, d);
                boolean move = rnd.nextDouble() < 0.3 * (year == 2 ? Math.min(1, secondMove) : 1);
                legal(p, p.nextLegal, d);
                if (move) placement(p, d, "CARPL");
                if (p.nextLegal.equals("C2") && rnd.nextDouble() < 0.15) { p.nextLegal = "E1"; p.nextLegalChange = d.plusDays(60 + rnd.nextInt(200)); }
                else if (p.nextLegal.equals("C1")) { p.nextLegal = "C2"; p.nextLegalChange = d.plusDays(120 + rnd.nextInt(180)); }
                else p.nextLegalChange = null;
            } else if (rnd.nextDouble() < rates.placementMovesPerYear() * settling(p, d) * (placementsInYear(p, d) == 2 ? secondMove : 1) / 365.0) {
                placement(p, d, people.changeReason());
            }
            if (!d.isBefore(p.nextVisit)) {
                visit(c, d, "STVL", null, p);
                p.nextVisit = d.plusDays(rnd.nextDouble() < 0.7 ? 28 + rnd.nextInt(14) : 43 + rnd.nextInt(30));
            }
            if (!d.isBefore(p.nextHealth)) {
                healthCheck(c, "RHA", d, rnd.nextDouble() < 0.72);
                p.nextHealth = d.plusDays(330 + rnd.nextInt(70));
            }
            if (!d.isBefore(p.nextDental)) {
                healthCheck(c, "DENTAL", d, rnd.nextDouble() < 0.8);
                p.nextDental = d.plusDays(300 + rnd.nextInt(120));
            }
            double a = age(c, d);
            long days = ChronoUnit.DAYS.between(p.start, d);
            String end = null;
            if (a >= 18) end = "E17";
            else if (a >= 16.5 && rnd.nextDouble() < 0.25 / 365) end = "E5";
            else if (days >= 7 && rnd.nextDouble() < pressure / (2.1 * 365)) end = people.careEndReason(a);
            if (end != null) {
                endCare(p, d, end);
                openPeriods.remove(i);
            }
        }
    }

    /** Placements break down most in their first year; settled long-term ones rarely. */
    private static double settling(Period p, LocalDate d) {
        Placement x = p.placements.get(p.placements.size() - 1);
        long days = ChronoUnit.DAYS.between(x.start, d);
        return days < 365 ? 1.5 : days < 730 ? 0.7 : 0.2;
    }

    /** As the indicator counts them: placements starting in the 12 months, plus the one open at its start, in any period. */
    private static int placementsInYear(Period p, LocalDate d) {
        LocalDate from = d.minusMonths(12);
        int n = 0;
        for (Period q : p.child.periods) {
            if (q.end != null && q.end.isBefore(from)) continue;
            for (Placement x : q.placements) {
                if (x.start.isAfter(d)) continue;
                if (x.start.isAfter(from) || x.end == null || x.end.isAfter(from)) n++;
            }
        }
        return n;
    }

    private void endCare(Period p, LocalDate d, String reason) {
        p.end = d;
        p.endReason = reason;
        p.endRecorded = d.atTime(16, 0).plusMinutes(rnd.nextInt(90));
        Legal l = p.legal.get(p.legal.size() - 1);
        l.end = d;
        l.endRecorded = p.endRecorded;
        Placement x = p.placements.get(p.placements.size() - 1);
        x.end = d;
        x.endRecorded = p.endRecorded;
        Child c = p.child;
        c.openPeriod = null;
        if (p.shortBreak) return;
        if (age(c, d) >= 16 && (reason.equals("E17") || reason.equals("E5") || rnd.nextDouble() < 0.5)) {
            c.careLeaver = true;
            c.leftCare = d;
            careLeavers.add(c);
            staff.allocate(c, staff.leavingTeam, "16PLUS", d, null);
        } else {
            staff.endAllocation(c, d);
        }
        if (c.openReferral != null && c.openPlan == null) closeReferral(c.openReferral, d.plusDays(rnd.nextInt(6)), "RC7");
    }

    private void visit(Child c, LocalDate d, String type, Plan plan, Period period) {
        Worker x = c.allocation == null ? null : c.allocation.worker;
        Note n = note(c, d, type, "Statutory visit", x);
        n.plan = plan;
        n.period = period;
        n.linkId = id();
        n.seen = rnd.nextDouble() < 0.95;
        n.seenAlone = n.seen && rnd.nextDouble() < 0.6;
        if (roll(DefectClass.STAT_VISIT_AS_CASE_NOTE)) {
            n.subject = People.statVisitSubject(n.id);
            defect(n, DefectClass.STAT_VISIT_AS_CASE_NOTE, "CASE_NOTES", "FACT_CASENOTES", "statutory visit typed as a general note");
        }
    }

    private Note note(Child c, LocalDate d, String type, String subject, Worker x) {
        Note n = new Note();
        n.id = id();
        n.child = c;
        n.date = d;
        n.type = type;
        n.subject = subject;
        n.worker = x;
        n.seen = type.equals("HVIS");
        entered(n, d, "CASE_NOTES", "FACT_CASENOTES");
        w.notes.add(n);
        return n;
    }

    private void healthCheck(Child c, String type, LocalDate due, boolean done) {
        Health h = new Health();
        h.id = id();
        h.child = c;
        h.type = type;
        h.due = due;
        if (done) {
            h.date = due.minusDays(rnd.nextInt(40));
            h.status = "COMPLETED";
        } else {
            h.status = rnd.nextDouble() < 0.3 ? "REFUSED" : "OUTSTANDING";
        }
        if (type.equals("DENTAL") && done) {
            boolean alsoManual = rnd.nextDouble() < 0.3;
            if (roll(DefectClass.DENTAL_ONLY_IN_MANUAL_LOG)) {
                h.manualOnly = true;
                h.mark(DefectClass.DENTAL_ONLY_IN_MANUAL_LOG);
            } else {
                h.alsoManual = alsoManual;
            }
        }
        // a check only in the manual log never enters a case system, so it cannot be entered late there
        entered(h, h.date == null ? due : h.date, "HEALTH", "FACT_HEALTH_CHECK", !h.manualOnly);
        if (!h.manualOnly) healthDefects(h);
        w.health.add(h);
    }

    private void leaversDay(LocalDate d) {
        for (int i = careLeavers.size() - 1; i >= 0; i--) {
            Child c = careLeavers.get(i);
            if (age(c, d) >= 21) {
                careLeavers.remove(i);
                staff.endAllocation(c, d);
                continue;
            }
            if (rnd.nextDouble() < 1 / 60.0) {
                LeaverContact k = new LeaverContact();
                k.id = id();
                k.child = c;
                k.date = d;
                double u = rnd.nextDouble();
                k.inTouch = u < 0.86 ? "YES" : u < 0.94 ? "NO" : u < 0.98 ? "REFU" : "RHOM";
                k.accommodation = people.leaverAccommodation();
                k.suitable = rnd.nextDouble() < 0.7;
                k.activity = people.leaverActivity();
                k.recorded = d.plusDays(rnd.nextInt(5)).atTime(14, 0);
                w.leaverContacts.add(k);
            }
        }
    }

    private void shortBreaks(LocalDate d) {
        for (Child c : shortBreakChildren) {
            if (c.openPeriod != null) {
                if (!d.isBefore(c.openPeriod.start.plusDays(2))) endCare(c.openPeriod, d, "E8");
            } else if (rnd.nextDouble() < 1 / 30.0 && age(c, d) < 17.5) {
                Period p = new Period();
                p.id = id();
                p.child = c;
                p.start = d;
                p.shortBreak = true;
                p.homePostcode = c.postcode;
                p.need = 2;
                p.recorded = d.atTime(17, 0);
                w.periods.add(p);
                c.openPeriod = p;
                legal(p, rnd.nextDouble() < 0.7 ? "V3" : "V4", d);
                placement(p, d, null);
            }
        }
    }

    // ---------------------------------------------------------------- early help

    private void caf(Child c, LocalDate start) {
        Caf f = new Caf();
        f.id = id();
        f.child = c;
        f.start = start;
        f.area = c.area;
        f.team = staff.earlyHelp[c.area];
        f.leadAgency = people.leadAgency();
        f.end = start.plusDays(60 + rnd.nextInt(240));
        f.endReason = rnd.nextDouble() < 0.7 ? "Outcomes achieved" : rnd.nextDouble() < 0.5 ? "Stepped up to social care" : "Family withdrew";
        f.recorded = start.atTime(10, 0).plusMinutes(rnd.nextInt(400));
        f.endRecorded = f.end.atTime(12, 0);
        seen(c, f.recorded);
        w.cafs.add(f);
        if (roll(DefectClass.DATES_OUT_OF_ORDER)) defect(f, DefectClass.DATES_OUT_OF_ORDER, "CAF", "FACT_CAF_EPISODE", "end date before start date");
    }

    // ---------------------------------------------------------------- warm-up stocks

    /** The front-door contact that opened a warm-up child's case before the simulated window. */
    private Contact warmUpContact(Child c, LocalDate date, String outcome) {
        Contact k = new Contact();
        k.id = id();
        k.date = date;
        k.source = people.source();
        k.outcome = outcome;
        k.team = staff.frontDoor;
        k.worker = staff.anyWorker(staff.frontDoor);
        k.child = c;
        entered(k, k.date, "CONTACTS", "FACT_CONTACTS");
        seen(c, k.recorded);
        w.contacts.add(k);
        return k;
    }

    private void initialStocks(LocalDate warm) {
        int cp = (int) Math.round(rates.cpStock(warm));
        for (int i = 0; i < cp; i++) {
            LocalDate start = warm.minusDays(1 + rnd.nextInt(300));
            Child c = newChild(start, 17);
            Contact k = warmUpContact(c, start.minusDays(20), "STRATEGY");
            referral(k, c, k.date, true);
            S47 s = w.s47s.isEmpty() ? null : w.s47s.get(w.s47s.size() - 1);
            if (c.openPlan == null && s != null && s.child == c) {
                s.outcome = "ICPC";
                Conference conf = conference(c, s, c.openReferral, "ICPC", cal.addWorkingDays(s.strategyDate, 15), cal.addWorkingDays(s.strategyDate, 10));
                s.icpc = conf;
                plan(conf);
                Plan p = c.openPlan;
                while (p != null && p.nextReview.isBefore(warm)) {
                    Conference rv = conference(c, null, p.referral, "REVIEW", p.reviewsHeld == 0 ? p.icpc.date.plusMonths(3) : p.nextReview, p.nextReview);
                    rv.plan = p;
                    rv.planResult = true;
                    p.reviewsHeld++;
                    p.nextReview = p.nextReview.plusMonths(6).minusDays(rnd.nextInt(14));
                }
                if (p != null) p.nextVisit = warm.plusDays(rnd.nextInt(10));
            }
        }
        int cla = (int) Math.round(rates.claStock(warm));
        for (int i = 0; i < cla; i++) {
            double years = rnd.nextDouble() < 0.5 ? rnd.nextDouble() * 1.5 : 1.5 + rnd.nextDouble() * 5;
            LocalDate start = warm.minusDays((long) (years * 365));
            Child c = newChild(start, 16.5);
            Contact k = warmUpContact(c, start.minusDays(30), "NEW_REFERRAL");
            Referral r = referralWithoutAssessment(k, k.date);
            Period p = startCare(c, start, r);
            settleHistory(p, warm);
        }
        for (int i = 0; i < 45 * o.scale(); i++) {
            Child c = newChild(warm, 0.1);
            c.dob = warm.minusDays((long) ((17.5 + rnd.nextDouble() * 3.3) * 365.25));
            LocalDate start = c.dob.plusDays((long) ((14 + rnd.nextDouble() * 3) * 365.25));
            LocalDate end = c.dob.plusYears(18);
            Contact k = new Contact();
            k.id = id();
            k.date = start.minusDays(30);
            k.source = people.source();
            k.outcome = "NEW_REFERRAL";
            k.team = staff.frontDoor;
            k.child = c;
            entered(k, k.date, "CONTACTS", "FACT_CONTACTS");
            seen(c, k.recorded);
            w.contacts.add(k);
            Referral r = referralWithoutAssessment(k, k.date);
            Period p = startCare(c, start, r);
            p.nextLegalChange = null;
            if (end.isBefore(warm)) {
                openPeriods.remove(p);
                endCare(p, end, "E17");
            }
        }
        for (int i = 0; i < 12 * o.scale(); i++) {
            Child c = newChild(warm, 15);
            c.shortBreaks = true;
            c.recorded = warm.minusDays(rnd.nextInt(400)).atTime(10, 0);
            shortBreakChildren.add(c);
        }
    }

    /**
     * A period that began years before the warm-up has already had its court orders; its visits
     * and checks fall due at random points of the year rather than all on the first day.
     */
    private void settleHistory(Period p, LocalDate warm) {
        while (p.nextLegalChange != null && p.nextLegalChange.isBefore(warm)) {
            LocalDate d = p.nextLegalChange;
            legal(p, p.nextLegal, d);
            if (p.nextLegal.equals("C1")) { p.nextLegal = "C2"; p.nextLegalChange = d.plusDays(120 + rnd.nextInt(180)); }
            else p.nextLegalChange = null;
        }
        p.nextVisit = warm.plusDays(rnd.nextInt(42));
        p.nextHealth = warm.plusDays(rnd.nextInt(365));
        p.nextDental = warm.plusDays(rnd.nextInt(365));
    }

    private int poisson(double lambda) {
        if (lambda > 60) return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian()));
        double l = Math.exp(-lambda), p = 1;
        int k = 0;
        do { k++; p *= rnd.nextDouble(); } while (p > l);
        return k - 1;
    }

    private double gaussian() {
        double u = Math.max(1e-12, rnd.nextDouble()), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
