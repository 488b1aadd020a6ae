package org.csc.cubes.kpi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every indicator on the hand-made star of KpiFixture, numerator and denominator worked out by
 * hand (reasoning in the comments). Feb 2016 is the main month: it ends on 29 February. Working
 * days: bank holidays 25 and 28 Dec 2015 and 1 Jan 2016, local closure 29 Dec 2015.
 */
class KpiIndicatorsTest {
    static KpiFixture f;
    static final String FEB = "2016-02-29", JAN = "2016-01-31", MAR = "2016-03-31", DEC = "2015-12-31";
    static final double POP_2016 = 22740;

    @BeforeAll
    static void build() throws Exception {
        f = KpiFixture.get();
    }

    static void nd(double[] v, double num, double den) {
        assertThat(v[0]).as("numerator").isEqualTo(num);
        assertThat(v[1]).as("denominator").isEqualTo(den);
    }

    @Test
    void everyCatalogIndicatorHasAnAuthorityRowEveryMonthOfItsBases() {
        Set<String> codes = f.values.keySet().stream().map(k -> k.split("\\|")[0]).collect(Collectors.toSet());
        assertThat(codes).hasSize(35).containsAll(KpiCatalog.ALL.stream().map(Kpi::code).toList());
        for (Kpi k : KpiCatalog.ALL) {
            for (Kpi.Basis b : k.bases()) {
                for (String m : new String[]{"2015-04-30", DEC, FEB, MAR}) f.all(k.code(), m, b.name());
                f.at(k.code(), MAR, "YEAR", b == Kpi.Basis.MONTH ? "YEAR" : b.name(), "All", "All");
                f.at(k.code(), DEC, "QUARTER", b == Kpi.Basis.MONTH ? "QUARTER" : b.name(), "All", "All");
            }
        }
    }

    @Test
    void contactsAndContactToReferral() {
        // C1 (1 Feb, referral), C2 and C3 both on 29 Feb (same day; C3 a referral): 3 contacts, 2 referrals.
        assertThat(f.all("contacts", FEB, "MONTH")[0]).isEqualTo(3);
        nd(f.all("contact_to_referral_pct", FEB, "MONTH"), 2, 3);
        // by team: Team A has C1, C2; Team B has C3.
        assertThat(f.at("contacts", FEB, "MONTH", "MONTH", "Area 1", "Team A")[0]).isEqualTo(2);
        assertThat(f.at("contacts", FEB, "MONTH", "MONTH", "Area 2", "Team B")[0]).isEqualTo(1);
    }

    @Test
    void referralsRereferralsNfaAndPer10k() {
        // Feb: R2 (K1, 29 Feb), R4 (K2, 29 Feb), R6 (K3, 15 Feb) = 3. Jan: R5.
        assertThat(f.all("referrals", FEB, "MONTH")[0]).isEqualTo(3);
        assertThat(f.all("referrals", FEB, "YTD")[0]).isEqualTo(4);
        // R2: 29 Feb 2016 minus 12 months = 28 Feb 2015, R1 on 28 Feb 2015 is within -> re-referral.
        // R4: previous R3 on 27 Feb 2015 is before 28 Feb 2015 -> not. R6: R5 a month earlier -> re-referral.
        nd(f.all("rereferrals_12m_pct", FEB, "MONTH"), 2, 3);
        // R12 to 29 Feb = 1 Mar 2015..29 Feb 2016: R5 (no earlier referral), R2, R4, R6 -> 2/4; YTD the same four.
        nd(f.all("rereferrals_12m_pct", FEB, "R12"), 2, 4);
        nd(f.all("rereferrals_12m_pct", FEB, "YTD"), 2, 4);
        nd(f.all("referrals_nfa_pct", FEB, "MONTH"), 1, 3); // R6 only
        // per 10k: 4 referrals in the year to date / 2016 population (the year the period ends in)
        nd(f.all("referrals_per_10k", FEB, "YTD"), 4, POP_2016);
        assertThat(f.all("referrals_per_10k", FEB, "YTD")[2]).isEqualTo(Math.round(4 / POP_2016 * 10000 * 100) / 100.0);
        nd(f.all("referrals_per_10k", FEB, "R12"), 4, POP_2016);
    }

    @Test
    void referralToAssessment() {
        // R2: A1 linked (starts after the month) -> yes. R4: A2 unlinked, starts 30 Mar = 29 Feb + 30 days -> yes.
        // R6: A3 starts 31 days after -> no; A4 linked but cancelled -> no. Jan: R5 nothing -> 0/1.
        nd(f.all("referral_to_assessment_pct", FEB, "MONTH"), 2, 3);
        nd(f.all("referral_to_assessment_pct", JAN, "MONTH"), 0, 1);
    }

    @Test
    void assessmentsWithin45WorkingDays() {
        // Authorised in Feb: A5 1 Dec -> 8 Feb = 45 WD because 25, 28 Dec, 1 Jan (bank holidays) and 29 Dec (closure)
        // are not working days (plain weekdays would give 49) -> in; A6 -> 9 Feb = 46 WD -> out; A8 core, started and
        // authorised 1 Feb (same day = 0) -> in. A7 (initial) and A9 (draft) are not counted.
        nd(f.all("assessments_45wd_pct", FEB, "MONTH"), 2, 3);
        assertThat(f.at("assessments_45wd_pct", FEB, "MONTH", "MONTH", "Area 2", "Team B")).startsWith(0, 1);
    }

    @Test
    void section47AndIcpcWithin15WorkingDays() {
        nd(f.all("s47_per_10k", FEB, "YTD"), 2, POP_2016); // S1 Jun 2015, S2 Feb 2016
        // Feb: CF1 20 Jan -> 10 Feb = 15 WD in; CF2 -> 11 Feb = 16 out; CF5 same day = 0 in; CF3 transfer-in excluded;
        // CF4 held before its strategy discussion: data-quality failure, excluded.
        nd(f.all("icpc_15wd_pct", FEB, "MONTH"), 2, 3);
        // Jan: CF0 14 Dec -> 6 Jan = 13 WD over Christmas (plain weekdays 17) -> in.
        nd(f.all("icpc_15wd_pct", JAN, "MONTH"), 1, 1);
        // YTD adds CFP5 (25 Aug -> 1 Sep 2015, 31 Aug a bank holiday: 4 WD) -> 4/5.
        nd(f.all("icpc_15wd_pct", FEB, "YTD"), 4, 5);
    }

    @Test
    void childProtectionPlans() {
        // On a plan at 29 Feb: K10 (P1 and P13 overlap: once), K11, K12, K13, K14, K15 (P7), K16 (P9) = 7;
        // K19's P12 ends on 29 Feb so is not open; P10, P11 ended in 2015.
        nd(f.all("cpp_per_10k", FEB, "ASAT"), 7, POP_2016);
        // Plans started 1 Apr 2015..29 Feb: P5, P12, P3, P7, P9 = 5.
        nd(f.all("cpp_starts_per_10k", FEB, "YTD"), 5, POP_2016);
        // Second time: P7 (K15 had P6), P9 (K16 had P8) -> 2/5. Within 2 years of the previous end: P7 (P6 ended
        // 10 Mar 2014, on or after 15 Feb 2014) yes; P9 (P8 ended Jan 2013) no -> 1/5.
        nd(f.all("cpp_second_time_pct", FEB, "YTD"), 2, 5);
        nd(f.all("cpp_second_time_2y_pct", FEB, "YTD"), 1, 5);
        // Open 2 years at 29 Feb (started on or before 28 Feb 2014): K10 (P1 Dec 2013), K11 (P2 28 Feb 2014, exactly) -> 2/7.
        nd(f.all("cpp_open_2y_pct", FEB, "ASAT"), 2, 7);
        // Ended in the year: P10 (exactly 2 years) yes, P11 no, P12 no -> 1/3.
        nd(f.all("cpp_ceased_2y_pct", FEB, "YTD"), 1, 3);
        // Allocated qualified: K10 W1, K12 W1, K13 W2, K15 W4 yes; K11 W3 (family support worker) no; K14 none;
        // K16 only a key-agency allocation (does not count) -> unallocated -> 4/7.
        nd(f.all("cp_allocated_qualified_pct", FEB, "ASAT"), 4, 7);
        // Team of the allocated worker at the date: Team A K10, K11, K12; Team B K13 and K15 (W4 moved to Team B on
        // 1 Jan 2016, type 2); Unallocated K14, K16.
        assertThat(f.at("cpp_per_10k", FEB, "MONTH", "ASAT", "Area 1", "Team A")[0]).isEqualTo(3);
        assertThat(f.at("cpp_per_10k", FEB, "MONTH", "ASAT", "Area 2", "Team B")[0]).isEqualTo(2);
        assertThat(f.at("cpp_per_10k", FEB, "MONTH", "ASAT", "Unallocated", "Unallocated")[0]).isEqualTo(2);
    }

    @Test
    void cpReviewsAndVisits() {
        // Cohort (on a plan since 29 Nov 2015 or earlier): K10 P1, K11 P2, K13 P4, K14 P5.
        // P1: ICPC 28 Nov 2013, reviews 20 Feb 14, 15 Aug 14, 10 Feb 15, 1 Aug 15, 25 Jan 16: all within 3 then 6 months,
        //     next due 25 Jul 2016 -> in time. P2: ICPC 28 Feb 2014, first review 1 Jun 2014 > 28 May -> late.
        // P4: ICPC 1 Mar 2014, 30 May 14, 20 Nov 14, 15 May 15, 10 Nov 15 -> in time. P5: no review, first due 1 Dec 2015 -> late.
        nd(f.all("cp_reviews_in_time_pct", FEB, "ASAT"), 2, 4);
        // Visits cohort: plan started >= 10 WD before 29 Feb: all but K16 (P9 20 Feb: 6 WD); K15 (P7 15 Feb) exactly 10 -> in.
        // Seen within the 10 WD up to 29 Feb (duration visit -> 29 Feb < 10): K10 16 Feb (9) yes; K11 15 Feb (10) no;
        // K12 29 Feb (0) yes; K13 not seen; K14 STAT visit (kind ANY) 26 Feb yes; K15 a phone call (not statutory) -> 3/6.
        nd(f.all("cp_visits_in_time_pct", FEB, "ASAT"), 3, 6);
    }

    @Test
    void lookedAfterCountsAllocationPlacementsAndStability() {
        // Looked after at 29 Feb: K30, K31, K33, K35, K36, K37, K38, K39, K41 = 9. K32 is on a short break (V3);
        // K34's period ends on 29 Feb (not open). K31's four episodes (one a legal-status-only continuation) are one period.
        nd(f.all("cla_per_10k", FEB, "ASAT"), 9, POP_2016);
        // Qualified allocated: K30 W1, K31 W2, K35 W4, K37 W1 -> 4/9 (K33 W3 unqualified; K36, K38, K39, K41 none).
        nd(f.all("cla_allocated_qualified_pct", FEB, "ASAT"), 4, 9);
        // 3+ placements in the 12 months to 29 Feb (window from 28 Feb 2015): K31 X3 (1 Mar 2015), X4, X5 = 3 (the
        // legal-status episode E2 is not a placement); K33 X6 open at the window start counts one, X7, X8 = 3. Others 1-2.
        nd(f.all("cla_3plus_placements_pct", FEB, "ASAT"), 2, 9);
        // Stability cohort (under 16, looked after since 29 Aug 2013 or earlier): K30, K35, K41 (K36 is 16).
        // K30 in X2 since Aug 2013 -> yes; K35 placed for adoption (A5) Sep 2015, previous placement X9 from Jul 2013
        // -> together over 2 years -> yes; K41 in X16 since Jan 2015 -> no.
        nd(f.all("cla_long_term_stability_pct", FEB, "ASAT"), 2, 3);
    }

    @Test
    void distanceVisitsHealthAndDental() {
        // Distance of the current placement: K30 25, K36 30, K39 50, K41 21 are over 20; K33 5, K35 15, K37 2 are not;
        // K31 (X5) and K38 unknown -> 4/7, 2 unknown reported beside it.
        double[] d = f.all("cla_over_20_miles_pct", FEB, "ASAT");
        nd(d, 4, 7);
        assertThat(d[3]).as("unknown distances").isEqualTo(2);
        // Visits: K30 long-term U4, last visit 10 Jan after the first year -> due in 91 days -> ok; K31 last 15 Jan
        // (42 days -> 26 Feb) overdue; K33 20 Jan -> 2 Mar ok; K35 adoption placement in its first year, last 2 Jan
        // -> 13 Feb overdue; K36 20 Feb ok; K37 15 Feb ok; K38 25 Jan -> 7 Mar ok; K39 placed 15 Feb, no visit by
        // 22 Feb -> overdue; K41 U4 after the first year, 1 Feb ok -> 6/9.
        nd(f.all("cla_visits_in_time_pct", FEB, "ASAT"), 6, 9);
        // Health cohort (looked after since 28 Feb 2015 or earlier): K30, K33, K35, K36, K41.
        // Checks after 28 Feb 2015: K30 Jun 15, K35 Dec 15, K36 Jan 16, K41 1 Mar 15 yes; K33 27 Feb 2015 too old -> 4/5.
        nd(f.all("cla_health_check_pct", FEB, "ASAT"), 4, 5);
        // Dental: K33 1 Mar 2015 from the manual log yes, K35 yes; K41 28 Feb 2015 too old; K36 refused; K30 none -> 2/5.
        nd(f.all("cla_dental_check_pct", FEB, "ASAT"), 2, 5);
    }

    @Test
    void initialHealthAssessmentsWithin20WorkingDays() {
        // Started since 1 Apr 2015 (K32 short break excluded): K37 4 Jan 2016 (20 WD end 1 Feb), IHA 1 Feb = 20 WD in;
        // K38 14 Dec 2015, 20 WD end 15 Jan over Christmas, IHA 13 Jan = 18 WD in (plain weekdays 22);
        // K39 15 Feb 2016: 20 WD end 14 Mar, not yet by 29 Feb -> 2/2. By 31 Mar K39 is due, no IHA -> 2/3.
        nd(f.all("cla_iha_20wd_pct", FEB, "YTD"), 2, 2);
        nd(f.all("cla_iha_20wd_pct", MAR, "YTD"), 2, 3);
        // K38's period started in December: not in the cohort at 31 Dec (20 WD not yet ended).
        nd(f.all("cla_iha_20wd_pct", DEC, "YTD"), 0, 0);
    }

    @Test
    void careLeavers19to21() {
        // At 29 Feb 2016: L1 (born 29 Feb 1996: 19 on 28 Feb 2015), L3 (22 on 1 Mar 2016: still 21), L4 (no contact) in;
        // L2 (19 on 1 Mar 2016), L5 (relevant, not former relevant), L6 (22 on 28 Feb 2016) out.
        // Latest contact: L1 10 Jan unsuitable, NEET; L3 29 Feb suitable, not NEET; L4 none (stays in the denominator).
        nd(f.all("care_leavers_suitable_accom_pct", FEB, "ASAT"), 1, 3);
        nd(f.all("care_leavers_neet_pct", FEB, "ASAT"), 1, 3);
        // 31 Mar: L2 joins, L3 leaves -> suitable 0/3, NEET (L1) 1/3.
        nd(f.all("care_leavers_suitable_accom_pct", MAR, "ASAT"), 0, 3);
        nd(f.all("care_leavers_neet_pct", MAR, "ASAT"), 1, 3);
    }

    @Test
    void cafsOpened() {
        assertThat(f.all("cafs_opened", FEB, "MONTH")[0]).isEqualTo(2);
        assertThat(f.all("cafs_opened", FEB, "YTD")[0]).isEqualTo(3);
        assertThat(f.at("cafs_opened", FEB, "MONTH", "MONTH", "Area 2", "All")[0]).isEqualTo(1);
    }

    @Test
    void workforce() {
        // Counting allocations open at 29 Feb: W1 K10, K12, K30, K37 = 4 (K16 is key agency); W2 K13, K31 = 2;
        // W3 K11, K33 = 2; W4 K15, K35 = 2 (K19's allocation ends on 29 Feb).
        // Per FTE (registered social workers holding cases): (4 + 2 + 2) / (1 + 0.5 + 1) = 8 / 2.5.
        nd(f.all("caseload_per_fte", FEB, "ASAT"), 8, 2.5);
        // Over maximum: W1 4 > 3, W2 2 > 1.5 (pro rata) -> 2 of the 4 workers holding cases.
        nd(f.all("workers_over_max_pct", FEB, "ASAT"), 2, 4);
        // Agency FTE: W2 0.5 + W4 1.0 (agency since 1 Jan 2016) of W1 + W2 + W4 = 2.5 (W3 unqualified; W5 left).
        nd(f.all("agency_sw_rate_pct", FEB, "ASAT"), 1.5, 2.5);
        // 31 Dec 2015: W4 still permanent, W5's last day is 31 Dec (not employed at it) -> 0.5 / 2.5.
        nd(f.all("agency_sw_rate_pct", DEC, "ASAT"), 0.5, 2.5);
        // Sickness, Children's Social Care only (Life Stages 0-25 is outside the indicator's services):
        // Feb 66 days / 110 FTE; year to date (116 days) / average FTE of the months with data ((100 + 110) / 2).
        nd(f.all("sickness_days_per_fte", FEB, "MONTH"), 66, 110);
        nd(f.all("sickness_days_per_fte", FEB, "YTD"), 116, 105);
    }

    @Test
    void targetsGiveRagByPolarity() {
        // icpc Feb 2/3 = 66.67% vs 95 (tolerance 5) -> RED; assessments Team A Feb: A5, A8 both in -> 100% >= 85 -> GREEN.
        assertThat(f.rag.get(KpiFixture.key("icpc_15wd_pct", FEB, "MONTH", "MONTH", "All", "All"))).isEqualTo("RED");
        assertThat(f.rag.get(KpiFixture.key("assessments_45wd_pct", FEB, "MONTH", "MONTH", "Area 1", "Team A"))).isEqualTo("GREEN");
        // Low polarity: re-referrals 2/4 = 50% vs 20 -> RED; contacts (no polarity) never get a RAG.
        assertThat(f.rag.get(KpiFixture.key("rereferrals_12m_pct", FEB, "MONTH", "R12", "All", "All"))).isEqualTo("RED");
        assertThat(f.rag.get(KpiFixture.key("contacts", FEB, "MONTH", "MONTH", "All", "All"))).isNull();
    }
}
