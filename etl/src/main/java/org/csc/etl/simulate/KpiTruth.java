package org.csc.etl.simulate;

import org.csc.etl.simulate.World.*;
import org.csc.warehouse.calendar.WorkingCalendar;
import org.csc.warehouse.config.WarehouseConfig;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Every indicator's true numerator and denominator for every month of the window, computed from
 * the true events (never from the drops), following KPI_DEFINITIONS.md. Flow indicators use
 * per-day sums so that MONTH, YTD and R12 are range sums; ASAT indicators look at the last day.
 */
final class KpiTruth {
    static final List<String> COLUMNS = List.of("kpi_code", "period_end", "basis", "numerator", "denominator");

    /** Read by csc verify (cubes TruthExplanation) under the same name. */
    static final String MEMBERS_FILE = "kpi_truth_members.csv";
    static final List<String> MEMBER_COLUMNS = List.of("kpi_code", "kind", "member_date", "member", "numerator", "denominator");

    record Row(String kpi, LocalDate periodEnd, String basis, double numerator, double denominator) {}

    /**
     * One true event's or cohort member's contribution: lets a checker tell which records make a
     * published figure differ from the truth. EVENT members carry the event's date, ASAT members
     * the month end; member is the true event id (E..) or, for cohorts of children, the child (C..).
     */
    record Member(String kpi, String kind, LocalDate date, String member, double numerator, double denominator) {}

    private final World w;
    private final SimulationOptions o;
    private final WorkingCalendar cal;
    private final Rates rates;
    private final WarehouseConfig config;
    private final List<LocalDate> monthEnds = new ArrayList<>();
    private final LocalDate base;
    private final List<Row> rows = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final Map<Integer, List<Note>> visitsByChild = new TreeMap<>();
    private final Map<Integer, List<Placement>> placementsByChild = new TreeMap<>();
    private final Map<Integer, List<Health>> healthByChild = new TreeMap<>();
    private final Map<Integer, List<LeaverContact>> kitByChild = new TreeMap<>();

    KpiTruth(World w, SimulationOptions o, WorkingCalendar cal, Rates rates, WarehouseConfig config) {
        this.w = w;
        this.o = o;
        this.cal = cal;
        this.rates = rates;
        this.config = config;
        for (YearMonth m = YearMonth.from(o.from()); !m.atEndOfMonth().isAfter(o.to()); m = m.plusMonths(1)) monthEnds.add(m.atEndOfMonth());
        base = o.from().minusYears(3);
        for (Note n : w.notes) if (n.plan != null || n.period != null) visitsByChild.computeIfAbsent(n.child.id, k -> new ArrayList<>()).add(n);
        for (Period p : w.periods) if (!p.shortBreak) for (Placement x : p.placements) placementsByChild.computeIfAbsent(p.child.id, k -> new ArrayList<>()).add(x);
        for (Health h : w.health) healthByChild.computeIfAbsent(h.child.id, k -> new ArrayList<>()).add(h);
        for (LeaverContact k : w.leaverContacts) kitByChild.computeIfAbsent(k.child.id, x -> new ArrayList<>()).add(k);
        for (Allocation a : w.allocations) if (!a.role.equals("KA")) allocationsByChild.computeIfAbsent(a.child.id, x -> new ArrayList<>()).add(a);
        for (Conference c : w.conferences) if (c.type.equals("REVIEW")) reviewsByPlan.computeIfAbsent(c.plan.id, x -> new ArrayList<>()).add(c);
    }

    private final Map<Integer, List<Allocation>> allocationsByChild = new TreeMap<>();
    private final Map<Integer, List<Conference>> reviewsByPlan = new TreeMap<>();

    List<Row> compute() {
        List<Contact> contacts = w.contacts.stream().filter(c -> !c.enteredInError).toList();
        flow("contacts", contacts, c -> c.date, c -> 1, null, "MONTH", "YTD");
        flow("contact_to_referral_pct", contacts, c -> c.date, c -> c.outcome.equals("NEW_REFERRAL") || c.outcome.equals("STRATEGY") ? 1 : 0, c -> 1, "MONTH", "YTD");
        flow("referrals", w.referrals, r -> r.date, r -> 1, null, "MONTH", "YTD");
        perTenK("referrals_per_10k", w.referrals, r -> r.date);
        flow("rereferrals_12m_pct", w.referrals, r -> r.date, r -> rereferral(r) ? 1 : 0, r -> 1, "MONTH", "YTD", "R12");
        flow("referrals_nfa_pct", w.referrals, r -> r.date, r -> r.nfa ? 1 : 0, r -> 1, "MONTH", "YTD");
        flow("referral_to_assessment_pct", w.referrals, r -> r.date, r -> assessedWithin30(r) ? 1 : 0, r -> 1, "MONTH", "YTD");
        List<Assessment> authorised = w.assessments.stream().filter(a -> a.status.equals("C")).toList();
        flow("assessments_45wd_pct", authorised, a -> a.authorised, a -> cal.workingDaysBetween(a.start, a.authorised) <= 45 ? 1 : 0, a -> 1, "MONTH", "YTD");
        perTenK("s47_per_10k", w.s47s, s -> s.start);
        List<Conference> icpcs = w.conferences.stream().filter(c -> c.type.equals("ICPC")).toList();
        flow("icpc_15wd_pct", icpcs, c -> c.date, c -> cal.workingDaysBetween(c.s47.strategyDate, c.date) <= 15 ? 1 : 0, c -> 1, "MONTH", "YTD");
        cohortPerTenK("cpp_per_10k", this::childrenOnPlan);
        perTenK("cpp_starts_per_10k", w.plans, p -> p.start);
        flow("cpp_second_time_pct", w.plans, p -> p.start, p -> p.previousPlan ? 1 : 0, p -> 1, "YTD");
        flow("cpp_second_time_2y_pct", w.plans, p -> p.start,
                p -> p.previousPlanEnd != null && !p.previousPlanEnd.isBefore(p.start.minusYears(2)) ? 1 : 0, p -> 1, "YTD");
        cohort("cpp_open_2y_pct", this::childrenOnPlan, (p, d) -> !p.start.isAfter(d.minusYears(2)));
        List<Plan> ended = w.plans.stream().filter(p -> p.end != null).toList();
        flow("cpp_ceased_2y_pct", ended, p -> p.end, p -> !p.start.isAfter(p.end.minusYears(2)) ? 1 : 0, p -> 1, "YTD");
        cohort("cp_allocated_qualified_pct", this::childrenOnPlan, (p, d) -> qualifiedAllocated(p.child, d));
        cohort("cp_reviews_in_time_pct", this::plansOver3Months, this::reviewsInTime);
        cohort("cp_visits_in_time_pct", this::cpVisitCohort, this::cpVisitedRecently);
        cohortPerTenK("cla_per_10k", this::looked);
        cohort("cla_allocated_qualified_pct", this::looked, (p, d) -> qualifiedAllocated(p.child, d));
        cohort("cla_3plus_placements_pct", this::looked, (p, d) -> placementsIn12Months(p.child, d) >= 3);
        cohort("cla_long_term_stability_pct", this::longTermCohort, this::stable);
        cohort("cla_over_20_miles_pct", d -> looked(d).stream().filter(p -> distance(p, d) >= 0).toList(), (p, d) -> distance(p, d) > 20);
        cohort("cla_visits_in_time_pct", this::looked, (p, d) -> !claVisitOverdue(p, d));
        ihaRows();
        cohort("cla_health_check_pct", this::looked12, (p, d) -> checked(p.child, d, "RHA", "IHA"));
        cohort("cla_dental_check_pct", this::looked12, (p, d) -> checked(p.child, d, "DENTAL", "DENTAL"));
        cohort("care_leavers_suitable_accom_pct", this::leavers19to21, (c, d) -> latestKit(c, d) != null && latestKit(c, d).suitable);
        cohort("care_leavers_neet_pct", this::leavers19to21, (c, d) -> latestKit(c, d) != null && latestKit(c, d).activity.startsWith("NEET"));
        flow("cafs_opened", w.cafs, f -> f.start, f -> 1, null, "MONTH", "YTD");
        asat("caseload_per_fte", d -> caseload(d)[0], d -> caseload(d)[1]);
        asat("workers_over_max_pct", d -> caseload(d)[2], d -> caseload(d)[3]);
        asat("agency_sw_rate_pct", d -> agency(d)[0], d -> agency(d)[1]);
        return rows;
    }

    // ------------------------------------------------------------------ bases

    private <T> void flow(String kpi, List<T> items, Function<T, LocalDate> date, ToDoubleFunction<T> num, ToDoubleFunction<T> den, String... bases) {
        int n = (int) ChronoUnit.DAYS.between(base, o.to()) + 2;
        double[] cn = new double[n + 1], cd = new double[n + 1];
        for (T x : items) {
            LocalDate d = date.apply(x);
            if (d == null || d.isBefore(base) || d.isAfter(o.to())) continue;
            int i = (int) ChronoUnit.DAYS.between(base, d) + 1;
            double xn = num.applyAsDouble(x), xd = den == null ? 0 : den.applyAsDouble(x);
            cn[i] += xn;
            cd[i] += xd;
            if (!d.isBefore(o.from()) && (xn != 0 || xd != 0)) members.add(new Member(kpi, "EVENT", d, ref(x), xn, den == null ? Double.NaN : xd));
        }
        for (int i = 1; i <= n; i++) { cn[i] += cn[i - 1]; cd[i] += cd[i - 1]; }
        for (LocalDate end : monthEnds) {
            for (String b : bases) {
                LocalDate start = switch (b) {
                    case "MONTH" -> end.withDayOfMonth(1);
                    case "YTD" -> WorkingCalendar.financialYearStart(end);
                    default -> end.minusMonths(12).plusDays(1);
                };
                int hi = (int) ChronoUnit.DAYS.between(base, end) + 1, lo = (int) ChronoUnit.DAYS.between(base, start);
                double numerator = cn[hi] - cn[lo];
                double denominator = den == null ? 0 : cd[hi] - cd[lo];
                rows.add(new Row(kpi, end, b, numerator, den == null ? Double.NaN : denominator));
            }
        }
    }

    private <T> void perTenK(String kpi, List<T> items, Function<T, LocalDate> date) {
        int before = rows.size();
        flow(kpi, items, date, x -> 1, null, "YTD", "R12");
        for (int i = before; i < rows.size(); i++) {
            Row r = rows.get(i);
            rows.set(i, new Row(r.kpi(), r.periodEnd(), r.basis(), r.numerator(), population(r.periodEnd())));
        }
    }

    private void asat(String kpi, Function<LocalDate, Number> num, Function<LocalDate, Number> den) {
        for (LocalDate d : monthEnds) rows.add(new Row(kpi, d, "ASAT", num.apply(d).doubleValue(), den.apply(d).doubleValue()));
    }

    /** A cohort indicator: the denominator is the cohort at each month end, the numerator those meeting the test. */
    private <T extends Rec> void cohort(String kpi, Function<LocalDate, List<T>> cohort, BiPredicate<T, LocalDate> meets) {
        for (LocalDate d : monthEnds) {
            int num = 0;
            List<T> c = cohort.apply(d);
            for (T x : c) {
                boolean in = meets.test(x, d);
                if (in) num++;
                members.add(new Member(kpi, "ASAT", d, ref(x), in ? 1 : 0, 1));
            }
            rows.add(new Row(kpi, d, "ASAT", num, c.size()));
        }
    }

    /** A rate per 10,000 children: the cohort is the numerator, the population the denominator. */
    private <T extends Rec> void cohortPerTenK(String kpi, Function<LocalDate, List<T>> cohort) {
        for (LocalDate d : monthEnds) {
            List<T> c = cohort.apply(d);
            for (T x : c) members.add(new Member(kpi, "ASAT", d, ref(x), 1, Double.NaN));
            rows.add(new Row(kpi, d, "ASAT", c.size(), population(d)));
        }
    }

    private static String ref(Object x) {
        return x instanceof Child c ? c.trueRef() : "E" + ((Rec) x).id;
    }

    double population(LocalDate d) { return rates.population(d.getYear()); }

    // ------------------------------------------------------------------ child protection

    private static boolean open(LocalDate start, LocalDate end, LocalDate d) {
        return !start.isAfter(d) && (end == null || end.isAfter(d));
    }

    private final Map<LocalDate, List<Plan>> onPlan = new TreeMap<>();

    private List<Plan> childrenOnPlan(LocalDate d) {
        return onPlan.computeIfAbsent(d, x -> {
            Map<Integer, Plan> byChild = new TreeMap<>();
            for (Plan p : w.plans) if (open(p.start, p.end, x)) byChild.putIfAbsent(p.child.id, p);
            return new ArrayList<>(byChild.values());
        });
    }

    private List<Plan> plansOver3Months(LocalDate d) {
        // KPI_DEFINITIONS counts months back from the period end (D minus 3 calendar months), so a plan
        // started on 31 January has not had 3 months on 30 April
        return childrenOnPlan(d).stream().filter(p -> !p.start.isAfter(d.minusMonths(3))).toList();
    }

    private boolean reviewsInTime(Plan p, LocalDate d) {
        LocalDate prev = p.icpc.date;
        int months = 3;
        List<Conference> reviews = reviewsByPlan.getOrDefault(p.id, List.of()).stream().filter(c -> !c.date.isAfter(d))
                .sorted(Comparator.comparing(c -> c.date)).toList();
        for (Conference r : reviews) {
            if (r.date.isAfter(prev.plusMonths(months))) return false;
            prev = r.date;
            months = 6;
        }
        return !d.isAfter(prev.plusMonths(months));
    }

    private List<Plan> cpVisitCohort(LocalDate d) {
        return childrenOnPlan(d).stream().filter(p -> cal.workingDaysBetween(p.start, d) >= 10).toList();
    }

    private boolean cpVisitedRecently(Plan p, LocalDate d) {
        for (Note n : visitsByChild.getOrDefault(p.child.id, List.of())) {
            // KPI_DEFINITIONS: "seen on a statutory CP visit": a visit where the child was not seen does not count
            if (n.plan != null && n.seen && !n.date.isAfter(d) && cal.workingDaysBetween(n.date, d) < 10) return true;
        }
        return false;
    }

    private boolean qualifiedAllocated(Child c, LocalDate d) {
        for (Allocation a : allocationsByChild.getOrDefault(c.id, List.of())) {
            if (open(a.start, a.end, d)) return a.worker.qualified;
        }
        return false;
    }

    // ------------------------------------------------------------------ looked after

    private final Map<LocalDate, List<Period>> lookedAfter = new TreeMap<>();

    /** Open periods at the date whose legal status is not a short break (V3/V4). */
    private List<Period> looked(LocalDate d) {
        return lookedAfter.computeIfAbsent(d, x -> {
            List<Period> l = new ArrayList<>();
            for (Period p : w.periods) {
                if (p.shortBreak || !open(p.start, p.end, x)) continue;
                Legal legal = null;
                for (Legal g : p.legal) if (!g.start.isAfter(x)) legal = g;
                if (legal != null && !legal.code.equals("V3") && !legal.code.equals("V4")) l.add(p);
            }
            return l;
        });
    }

    private List<Period> looked12(LocalDate d) {
        return looked(d).stream().filter(p -> !p.start.isAfter(d.minusMonths(12))).toList();
    }

    private int placementsIn12Months(Child c, LocalDate d) {
        LocalDate windowStart = d.minusMonths(12);
        int n = 0;
        for (Placement x : placementsByChild.getOrDefault(c.id, List.of())) {
            if (x.start.isAfter(windowStart) && !x.start.isAfter(d)) n++;
            else if (open(x.start, x.end, windowStart)) n++;
        }
        return n;
    }

    private static Placement current(Period p, LocalDate d) {
        Placement cur = null;
        for (Placement x : p.placements) if (!x.start.isAfter(d)) cur = x;
        return cur;
    }

    private double distance(Period p, LocalDate d) {
        Placement x = current(p, d);
        return x == null ? -1 : x.distance;
    }

    private List<Period> longTermCohort(LocalDate d) {
        return looked(d).stream().filter(p -> ChronoUnit.DAYS.between(p.child.dob, d) < 16 * 365.25
                && !p.start.isAfter(d.minusMonths(30))).toList();
    }

    private boolean stable(Period p, LocalDate d) {
        Placement x = current(p, d);
        if (x == null) return false;
        if (!x.start.isAfter(d.minusYears(2))) return true;
        if (x.type.equals("FOST-ADOPT") || x.type.equals("ADOPT-PLACED")) {
            int i = p.placements.indexOf(x);
            return i > 0 && !p.placements.get(i - 1).start.isAfter(d.minusYears(2));
        }
        return false;
    }

    /** Due 7 days after the placement starts, then 42 days after the last visit (91 for settled long-term placements). */
    private boolean claVisitOverdue(Period p, LocalDate d) {
        Placement x = current(p, d);
        if (x == null) return false;
        LocalDate last = null;
        for (Note n : visitsByChild.getOrDefault(p.child.id, List.of())) {
            if (n.period == p && !n.date.isBefore(x.start) && !n.date.isAfter(d)) last = n.date;
        }
        if (last == null) return d.isAfter(x.start.plusDays(7));
        boolean longTerm = x.type.equals("FOST-REL") || x.type.equals("FOST-LA") || x.type.equals("FOST-ADOPT") || x.type.equals("ADOPT-PLACED");
        boolean firstYear = last.isBefore(x.start.plusYears(1));
        return d.isAfter(last.plusDays(longTerm && !firstYear ? 91 : 42));
    }

    private boolean checked(Child c, LocalDate d, String type, String alsoType) {
        for (Health h : healthByChild.getOrDefault(c.id, List.of())) {
            if ((h.type.equals(type) || h.type.equals(alsoType)) && h.status.equals("COMPLETED") && h.date != null
                    && h.date.isAfter(d.minusMonths(12)) && !h.date.isAfter(d)) return true;
        }
        return false;
    }

    /** Children who started to be looked after in the year; counted once their 20 working days have passed. */
    private void ihaRows() {
        for (LocalDate d : monthEnds) {
            LocalDate fy = WorkingCalendar.financialYearStart(d);
            int num = 0, den = 0;
            for (Period p : w.periods) {
                if (p.shortBreak || p.start.isBefore(fy) || p.start.isAfter(d)) continue;
                LocalDate due = cal.addWorkingDays(p.start, 20);
                if (due.isAfter(d)) continue;
                den++;
                int in = 0;
                for (Health h : healthByChild.getOrDefault(p.child.id, List.of())) {
                    if (h.type.equals("IHA") && h.date != null && !h.date.isBefore(p.start) && !h.date.isAfter(due)) { in = 1; break; }
                }
                num += in;
                members.add(new Member("cla_iha_20wd_pct", "ASAT", d, ref(p), in, 1));
            }
            rows.add(new Row("cla_iha_20wd_pct", d, "YTD", num, den));
        }
    }

    private List<Child> leavers19to21(LocalDate d) {
        List<Child> l = new ArrayList<>();
        for (Child c : w.children) {
            if (!c.careLeaver || c.leftCare == null || c.leftCare.isAfter(d)) continue;
            // calendar age: 19 on the 19th birthday (a 365.25-day year would miss birthdays on the period end)
            if (!c.dob.plusYears(19).isAfter(d) && c.dob.plusYears(22).isAfter(d)) l.add(c);
        }
        return l;
    }

    private LeaverContact latestKit(Child c, LocalDate d) {
        LeaverContact last = null;
        for (LeaverContact k : kitByChild.getOrDefault(c.id, List.of())) if (!k.date.isAfter(d)) last = k;
        return last;
    }

    // ------------------------------------------------------------------ workforce

    private final Map<LocalDate, double[]> caseloads = new TreeMap<>();

    /** [children allocated to social workers, FTE of social workers holding cases, workers over maximum, workers holding cases] */
    private double[] caseload(LocalDate d) {
        return caseloads.computeIfAbsent(d, x -> {
            Map<Integer, Integer> perWorker = new TreeMap<>();
            for (Allocation a : w.allocations) {
                if (a.role.equals("KA") || !open(a.start, a.end, x)) continue;
                perWorker.merge(a.worker.id, 1, Integer::sum);
            }
            double children = 0, fte = 0, over = 0, holding = 0;
            for (Worker k : w.workers) {
                Integer n = perWorker.get(k.id);
                if (n == null) continue;
                holding++;
                if (n > maxCaseload(k)) over++;
                if (k.qualified) {
                    children += n;
                    fte += k.fte;
                }
            }
            return new double[]{children, fte, over, holding};
        });
    }

    double maxCaseload(Worker k) {
        int max = config.has("caseload.max." + k.jobTitle) ? config.integer("caseload.max." + k.jobTitle)
                : switch (k.jobTitle) { case "ASYE" -> 15; case "AP" -> 16; case "PS", "TM" -> 10; case "PA" -> 25; default -> 20; };
        return max * k.fte;
    }

    private double[] agency(LocalDate d) {
        double agency = 0, all = 0;
        for (Worker k : w.workers) {
            if (!k.qualified || k.start.isAfter(d) || (k.end != null && !k.end.isAfter(d))) continue;
            all += k.fte;
            if (k.employment.equals("Agency")) agency += k.fte;
        }
        return new double[]{agency, all};
    }

    /** From the authority's HR file (every shard's months added up), as the warehouse reads it. */
    static List<Row> sickness(List<SicknessMonth> hr, SimulationOptions o) {
        List<Row> rows = new ArrayList<>();
        Map<String, SicknessMonth> csc = new TreeMap<>();
        for (SicknessMonth s : hr) if (s.service().equals("Children's Social Care")) csc.put(s.month(), s);
        for (YearMonth ym = YearMonth.from(o.from()); !ym.atEndOfMonth().isAfter(o.to()); ym = ym.plusMonths(1)) {
            LocalDate d = ym.atEndOfMonth();
            SicknessMonth m = csc.get(d.toString().substring(0, 7));
            if (m == null) continue;
            rows.add(new Row("sickness_days_per_fte", d, "MONTH", m.daysLost(), m.fte()));
            double days = 0, fte = 0;
            int months = 0;
            for (LocalDate x = WorkingCalendar.financialYearStart(d); !x.isAfter(d); x = x.plusMonths(1)) {
                SicknessMonth s = csc.get(x.toString().substring(0, 7));
                if (s == null) continue;
                days += s.daysLost();
                fte += s.fte();
                months++;
            }
            rows.add(new Row("sickness_days_per_fte", d, "YTD", round(days), months == 0 ? 0 : round(fte / months)));
        }
        return rows;
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }

    // ------------------------------------------------------------------ helpers

    private boolean rereferral(Referral r) {
        LocalDate since = WorkingCalendar.twelveMonthsBefore(r.date);
        for (Referral x : referralsOf(r.child)) {
            if (x != r && x.date.isBefore(r.date) && !x.date.isBefore(since)) return true;
        }
        return false;
    }

    private Map<Integer, List<Referral>> referralsByChild;

    private List<Referral> referralsOf(Child c) {
        if (referralsByChild == null) {
            referralsByChild = new TreeMap<>();
            for (Referral r : w.referrals) referralsByChild.computeIfAbsent(r.child.id, k -> new ArrayList<>()).add(r);
        }
        return referralsByChild.getOrDefault(c.id, List.of());
    }

    private Map<Integer, List<Assessment>> assessmentsByChild;

    private boolean assessedWithin30(Referral r) {
        if (r.assessment != null && !r.assessment.status.equals("X")) return true;
        if (assessmentsByChild == null) {
            assessmentsByChild = new TreeMap<>();
            for (Assessment a : w.assessments) assessmentsByChild.computeIfAbsent(a.child.id, k -> new ArrayList<>()).add(a);
        }
        for (Assessment a : assessmentsByChild.getOrDefault(r.child.id, List.of())) {
            if (!a.status.equals("X") && !a.start.isBefore(r.date) && !a.start.isAfter(r.date.plusDays(30))) return true;
        }
        return false;
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "";
        return BigDecimal.valueOf(Math.round(v * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }

    static void writeRows(DropWriter out, java.util.Collection<Row> rows) {
        try (DropWriter.Table t = out.table("kpi_truth", COLUMNS, StandardCharsets.UTF_8, "\n", false, "")) {
            for (Row r : rows) {
                t.set("kpi_code", r.kpi()).set("period_end", r.periodEnd()).set("basis", r.basis())
                        .set("numerator", number(r.numerator())).set("denominator", number(r.denominator())).endRow();
            }
        }
    }

    /** This world's members, appended to {@code out}: a member belongs to one shard, so shards concatenate. */
    void writeMembers(DropWriter out) {
        try (DropWriter.Table t = out.table(MEMBERS_FILE.replace(".csv", ""), MEMBER_COLUMNS, StandardCharsets.UTF_8, "\n", false, "")) {
            for (Member m : members) {
                t.set("kpi_code", m.kpi()).set("kind", m.kind()).set("member_date", m.date()).set("member", m.member())
                        .set("numerator", number(m.numerator())).set("denominator", number(m.denominator())).endRow();
            }
        }
    }
}
