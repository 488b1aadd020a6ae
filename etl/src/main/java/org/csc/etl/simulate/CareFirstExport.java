package org.csc.etl.simulate;

import org.csc.etl.simulate.DropWriter.Table;
import org.csc.etl.simulate.World.*;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.csc.etl.simulate.Formats.*;

/**
 * Care First's batch export: every table in full, windows-1252, CRLF, UK dates, local text codes,
 * free-text team names. A record is in a drop if it was entered before the extract ran; its end
 * shows only once the end was entered.
 */
final class CareFirstExport {
    static final Charset CP1252 = Charset.forName("windows-1252");
    private static final Map<String, String> OUTCOME = Map.of("NEW_REFERRAL", "Referral to Social Care",
            "STRATEGY", "Strategy Discussion", "EXISTING", "Existing Case", "NFA", "No Further Action",
            "ADVICE", "Advice and Information", "EARLY_HELP", "Early Help - CAF");
    private static final Map<String, String> CLOSE = Map.of("RC1", "Adopted", "RC2", "Died", "RC3", "Child arrangements order",
            "RC4", "Special guardianship order", "RC5", "Transferred to other LA", "RC6", "Transferred to adult services",
            "RC7", "Services ceased for any other reason", "RC8", "Case closed after assessment - no further action",
            "RC9", "Case closed after assessment - referred to early help");
    static final Map<String, String> LEGAL = Map.of("C1", "Interim Care Order", "C2", "Full Care Order", "E1", "Placement Order",
            "V2", "Section 20", "V3", "Section 20 (respite)", "V4", "Short Breaks Agreement", "L1", "Police Protection",
            "L2", "Emergency Protection Order", "J1", "Remand");
    private static final Map<String, String> EPISODE_END = Map.ofEntries(Map.entry("X1", "Change of placement"),
            Map.entry("E11", "Adopted"), Map.entry("E2", "Died"), Map.entry("E3", "Transferred"), Map.entry("E4A", "Returned home"),
            Map.entry("E41", "Child arrangements order"), Map.entry("E45", "Special guardianship order"),
            Map.entry("E5", "Independent living"), Map.entry("E9", "Custody"), Map.entry("E17", "Age 18"), Map.entry("E8", "Other"));
    private static final Map<String, String> START_REASON = Map.of("S", "Started to be looked after", "L", "Change of legal status",
            "P", "Change of placement", "B", "Change of legal status and placement");
    private static final Map<String, String> PROVIDER = Map.of("PR0", "Parents", "PR1", "Own LA", "PR2", "Other LA",
            "PR3", "Voluntary", "PR4", "Private");
    private static final Map<String, String> NOTE_TYPE = Map.of("STVC", "Statutory Visit - CP", "STVL", "Statutory Visit - LAC",
            "HVIS", "Home Visit", "TEL", "Telephone", "GEN", "General");
    private static final Map<String, String> HEALTH_TYPE = Map.of("IHA", "Initial Health Assessment", "RHA", "Health Assessment", "DENTAL", "Dental Check");
    private static final Map<String, String> HEALTH_STATUS = Map.of("COMPLETED", "Completed", "REFUSED", "Refused", "OUTSTANDING", "Outstanding");
    private static final Map<String, String> IN_TOUCH = Map.of("YES", "Yes", "NO", "No", "REFU", "Refused", "DIED", "Died", "NREQ", "Not required", "RHOM", "Returned home");
    static final Map<String, String> TITLE = Map.of("SW", "Social Worker", "ASYE", "AYSE", "AP", "Advanced Practitioner",
            "PS", "Practice Supervisor", "TM", "Team Manager", "PA", "Personal Advisor", "FSW", "Family Support Worker");
    private static final Map<String, String> ROLE = Map.of("CW", "Allocated Social Worker", "16PLUS", "Personal Advisor", "KA", "Involved Professional");

    private final World w;
    private final Contract contract = Contract.of("carefirst");
    private final LocalDateTime goLive;
    private DropWriter drop;
    private LocalDateTime cut;

    CareFirstExport(World w, LocalDate goLive) {
        this.w = w;
        this.goLive = goLive.atStartOfDay();
    }

    /** Care First records only what was entered before go-live; later entries go to Liquid Logic. */
    void write(DropWriter drop, LocalDateTime extractedAt) {
        this.drop = drop;
        this.cut = extractedAt.isBefore(goLive) ? extractedAt : goLive;
        clients();
        contacts();
        referrals();
        assessments();
        s47();
        conferences();
        registrations();
        episodes();
        notes();
        health();
        careLeavers();
        workers();
        allocations();
        cafs();
    }

    private Table open(String table) {
        List<String> cols = contract.columns(table).stream().map(Contract.Column::name).toList();
        return drop.table(table, cols, CP1252, "\r\n", false, "");
    }

    private boolean has(Rec r, DefectClass c) {
        if (r instanceof Child child) return r.has(c) && child.originCf;
        return r.has(c) && r.recorded.isBefore(goLive);
    }

    private static long id(Rec r) { return Keys.cf(r.id); }
    private static Long id(Worker x) { return x == null ? null : Keys.cf(x.id); }

    private String team(Team t, Rec r) {
        if (t == null) return null;
        return has(r, DefectClass.TEAM_NAME_VARIANT) ? t.cfVariants[r.id % t.cfVariants.length] : t.cfName;
    }

    private void clients() {
        try (Table t = open("CLIENTS")) {
            for (Child c : w.children) {
                if (!c.visible(cut)) continue;
                t.set("CLIENT_NO", id(c)).set("SURNAME", c.surname).set("FORENAMES", c.forename)
                        .set("DATE_OF_BIRTH", cfDate(c.dob)).set("DOB_ESTIMATED", "N")
                        .set("GENDER", has(c, DefectClass.MISSING_MANDATORY) ? null : c.gender == 'M' ? "Male" : "Female")
                        .set("ETHNICITY", c.ethnicity).set("UPN", c.upn)
                        .set("POSTCODE", has(c, DefectClass.PLACEHOLDER_POSTCODE) ? "ZZ99 9ZZ" : c.postcode)
                        .set("MERGED_INTO", c.duplicateOf != null && c.endKnown(cut) ? Keys.cf(c.duplicateOf.id) : null)
                        .set("ENTERED_ON", cfDateTime(c.recorded));
                t.endRow();
            }
        }
    }

    private void contacts() {
        try (Table t = open("CONTACTS")) {
            for (Contact c : w.contacts) {
                if (!c.visible(cut)) continue;
                Child as = c.recordedAs != null ? c.recordedAs : c.child;
                t.set("CONTACT_NO", id(c)).set("CLIENT_NO", id(as))
                        .set("CONTACT_DATE", has(c, DefectClass.UNPARSEABLE_VALUE) ? cfImpossible(c.date) : cfDate(c.date))
                        .set("SOURCE", has(c, DefectClass.MISSING_MANDATORY) ? null : People.SOURCES[c.source])
                        .set("OUTCOME", OUTCOME.get(c.outcome)).set("TEAM", team(c.team, c)).set("WORKER_ID", id(c.worker))
                        .set("ENTERED_ON", cfDateTime(c.recorded));
                t.endRow();
            }
        }
    }

    private void referrals() {
        try (Table t = open("REFERRALS")) {
            for (Referral r : w.referrals) {
                if (!r.visible(cut)) continue;
                boolean closed = r.endKnown(cut);
                t.set("REFERRAL_NO", id(r)).set("CLIENT_NO", id(r.child)).set("CONTACT_NO", r.contact == null ? null : id(r.contact))
                        .set("REFERRAL_DATE", cfDate(r.date))
                        .set("SOURCE", has(r, DefectClass.MISSING_MANDATORY) ? null : People.SOURCES[r.source])
                        .set("PRIMARY_NEED", has(r, DefectClass.INVALID_CODE) ? "Abuse & Neglect" : People.NEEDS[r.need])
                        .set("NFA", flag(r.nfa))
                        .set("CLOSE_DATE", closed ? cfDate(r.closeDate) : null)
                        .set("CLOSE_REASON", closed ? CLOSE.get(r.closeReason) : null)
                        .set("TEAM", team(r.team, r)).set("WORKER_ID", id(r.worker)).set("ENTERED_ON", cfDateTime(r.recorded));
                t.endRow();
            }
        }
    }

    private void assessments() {
        try (Table t = open("ASSESSMENTS")) {
            for (Assessment a : w.assessments) {
                if (!a.visible(cut)) continue;
                boolean done = a.endKnown(cut);
                String status = a.status.equals("X") ? (done ? "Cancelled" : "In Progress")
                        : done ? "Authorised" : a.completed != null && a.completed.atTime(18, 0).isBefore(cut) ? "Awaiting Authorisation" : "In Progress";
                t.set("ASSESSMENT_NO", id(a)).set("CLIENT_NO", id(a.child))
                        .set("REFERRAL_NO", has(a, DefectClass.ORPHAN_LINK) ? Keys.orphan(a.id) : id(a.referral))
                        .set("ASSESSMENT_TYPE", a.start.isBefore(LocalDate.of(2014, 4, 1)) ? "Core Assessment" : "Single Assessment")
                        .set("START_DATE", cfDate(a.start))
                        .set("COMPLETED_DATE", status.equals("Authorised") || status.equals("Awaiting Authorisation") ? cfDate(a.completed) : null)
                        .set("AUTHORISED_DATE", status.equals("Authorised") ? cfDate(a.authorised) : null)
                        .set("STATUS", status).set("CHILD_SEEN", flag(a.childSeen))
                        .set("OUTCOME", status.equals("Authorised") ? (a.referral.child.openPlan != null ? "Strategy / CP" : "Close or CIN plan") : null)
                        .set("TEAM", team(a.team, a)).set("WORKER_ID", id(a.worker)).set("ENTERED_ON", cfDateTime(a.recorded));
                t.endRow();
            }
        }
    }

    private void s47() {
        try (Table t = open("S47_ENQUIRIES")) {
            for (S47 s : w.s47s) {
                if (!s.visible(cut)) continue;
                boolean done = s.endKnown(cut);
                String outcome = s.outcome.equals("ICPC") ? "ICPC Required" : s.outcome.equals("NFA") ? "No Further Action" : "Continue CIN Plan";
                t.set("S47_NO", id(s)).set("CLIENT_NO", id(s.child)).set("REFERRAL_NO", id(s.referral))
                        .set("STRATEGY_DATE", cfDate(has(s, DefectClass.DATES_OUT_OF_ORDER) ? s.misrecordedStrategy : s.strategyDate))
                        .set("START_DATE", cfDate(s.start)).set("END_DATE", done ? cfDate(s.end) : null)
                        .set("OUTCOME", done ? outcome : null).set("TEAM", team(s.team, s)).set("WORKER_ID", id(s.worker))
                        .set("ENTERED_ON", cfDateTime(s.recorded));
                t.endRow();
            }
        }
    }

    private void conferences() {
        try (Table t = open("CONFERENCES")) {
            for (Conference c : w.conferences) {
                if (!c.visible(cut)) continue;
                String type = c.type.equals("ICPC") ? "Initial" : c.type.equals("TRANSFER_IN") ? "Transfer In" : "Review";
                String outcome = c.type.equals("REVIEW") ? "Continue Plan" : c.planResult ? "Plan" : "No Plan";
                t.set("CONFERENCE_NO", id(c)).set("CLIENT_NO", id(c.child)).set("S47_NO", c.s47 == null ? null : id(c.s47))
                        .set("CONFERENCE_TYPE", type).set("DUE_DATE", cfDate(c.due)).set("CONFERENCE_DATE", cfDate(c.date))
                        .set("OUTCOME", outcome).set("ENTERED_ON", cfDateTime(c.recorded));
                t.endRow();
            }
        }
    }

    private void registrations() {
        try (Table t = open("REGISTRATIONS")) {
            for (Plan p : w.plans) {
                if (!p.visible(cut)) continue;
                boolean ended = p.endKnown(cut);
                t.set("REGISTRATION_NO", id(p)).set("CLIENT_NO", id(p.child)).set("CONFERENCE_NO", id(p.icpc))
                        .set("START_DATE", cfDate(p.start)).set("END_DATE", ended ? cfDate(p.end) : null)
                        .set("CATEGORY", p.category).set("LATEST_CATEGORY", p.latestCategory)
                        .set("END_REASON", ended ? p.endReason : null).set("ENTERED_ON", cfDateTime(p.recorded));
                t.endRow();
            }
        }
    }

    private void episodes() {
        try (Table t = open("LAC_EPISODES")) {
            for (Period p : w.periods) {
                for (Episode e : p.episodes) {
                    if (!e.visible(cut)) continue;
                    boolean ended = e.endKnown(cut);
                    Placement x = e.placement;
                    String distance = has(x, DefectClass.DISTANCE_NOT_NUMERIC) ? words(x.id)
                            : x.distance < 0 ? null : String.valueOf(x.distance);
                    t.set("EPISODE_NO", id(e)).set("CLIENT_NO", id(p.child)).set("START_DATE", cfDate(e.start))
                            .set("END_DATE", ended ? cfDate(e.end) : null).set("START_REASON", START_REASON.get(e.reason))
                            .set("LEGAL_STATUS", LEGAL.get(e.legal.code))
                            .set("PLACEMENT_TYPE", has(x, DefectClass.INVALID_CODE) ? "FOSTER" : x.type)
                            .set("PLACEMENT_PROVIDER", PROVIDER.get(x.provider)).set("PLACEMENT_POSTCODE", x.postcode)
                            .set("HOME_POSTCODE", p.homePostcode).set("DISTANCE_MILES", distance)
                            .set("END_REASON", ended ? EPISODE_END.get(e.endReason) : null)
                            .set("CATEGORY_OF_NEED", People.NEEDS[p.need]).set("ENTERED_ON", cfDateTime(e.recorded));
                    t.endRow();
                }
            }
        }
    }

    static String words(int id) {
        String[] w = {"out of area", "unknown", "approx 12", "n/k", "Out of Area"};
        return w[id % w.length];
    }

    private void notes() {
        try (Table t = open("CASE_NOTES")) {
            for (Note n : w.notes) {
                if (!n.visible(cut)) continue;
                boolean general = has(n, DefectClass.STAT_VISIT_AS_CASE_NOTE);
                t.set("NOTE_NO", id(n)).set("CLIENT_NO", id(n.child)).set("NOTE_DATE", cfDate(n.date))
                        .set("NOTE_TYPE", general ? "General" : NOTE_TYPE.get(n.type)).set("SUBJECT", n.subject)
                        .set("CHILD_SEEN", flag(n.seen)).set("SEEN_ALONE", flag(n.seenAlone)).set("WORKER_ID", id(n.worker))
                        .set("ENTERED_ON", cfDateTime(n.recorded));
                t.endRow();
            }
        }
    }

    private void health() {
        try (Table t = open("HEALTH")) {
            for (Health h : w.health) {
                if (h.manualOnly || !h.visible(cut)) continue;
                t.set("HEALTH_NO", id(h)).set("CLIENT_NO", id(h.child)).set("CHECK_TYPE", HEALTH_TYPE.get(h.type))
                        .set("DUE_DATE", has(h, DefectClass.UNPARSEABLE_VALUE) ? cfImpossible(h.due) : cfDate(h.due))
                        .set("CHECK_DATE", cfDate(h.date)).set("STATUS", HEALTH_STATUS.get(h.status))
                        .set("ENTERED_ON", cfDateTime(h.recorded));
                t.endRow();
            }
        }
    }

    private void careLeavers() {
        try (Table t = open("CARE_LEAVERS")) {
            for (LeaverContact k : w.leaverContacts) {
                if (!k.visible(cut)) continue;
                t.set("CONTACT_NO", id(k)).set("CLIENT_NO", id(k.child)).set("CONTACT_DATE", cfDate(k.date))
                        .set("IN_TOUCH", IN_TOUCH.get(k.inTouch)).set("ACCOMMODATION", k.accommodation)
                        .set("ACCOMMODATION_SUITABLE", flag(k.suitable)).set("ACTIVITY", k.activity)
                        .set("ENTERED_ON", cfDateTime(k.recorded));
                t.endRow();
            }
        }
    }

    private void workers() {
        try (Table t = open("WORKERS")) {
            for (Worker x : w.workers) {
                if (!x.visible(cut)) continue;
                t.set("WORKER_ID", id(x)).set("NAME", x.id % 3 == 0 ? x.forename + " " + x.surname : x.surname + ", " + x.forename)
                        .set("JOB_TITLE", TITLE.get(x.jobTitle)).set("TEAM", x.team.cfName).set("EMPLOYMENT", x.employment)
                        .set("FTE", String.valueOf(x.fte)).set("QUALIFIED", flag(x.qualified)).set("START_DATE", cfDate(x.start))
                        .set("END_DATE", x.endKnown(cut) ? cfDate(x.end) : null);
                t.endRow();
            }
        }
    }

    private void allocations() {
        try (Table t = open("ALLOCATIONS")) {
            for (Allocation a : w.allocations) {
                if (!a.visible(cut)) continue;
                t.set("ALLOCATION_NO", id(a)).set("CLIENT_NO", id(a.child)).set("WORKER_ID", id(a.worker))
                        .set("ROLE", ROLE.get(a.role)).set("START_DATE", cfDate(a.start))
                        .set("END_DATE", a.endKnown(cut) ? cfDate(a.end) : null);
                t.endRow();
            }
        }
    }

    private void cafs() {
        try (Table t = open("CAF")) {
            for (Caf f : w.cafs) {
                if (!f.visible(cut)) continue;
                boolean wrong = has(f, DefectClass.DATES_OUT_OF_ORDER);
                boolean ended = f.endKnown(cut);
                t.set("CAF_NO", id(f)).set("CLIENT_NO", id(f.child)).set("START_DATE", cfDate(f.start))
                        .set("END_DATE", wrong ? cfDate(f.start.minusDays(1 + f.id % 20)) : ended ? cfDate(f.end) : null)
                        .set("LEAD_AGENCY", f.leadAgency).set("AREA", "Area " + f.area)
                        .set("END_REASON", ended ? f.endReason : null);
                t.endRow();
            }
        }
    }
}
