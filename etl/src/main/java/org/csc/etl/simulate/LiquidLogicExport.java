package org.csc.etl.simulate;

import org.csc.etl.simulate.DropWriter.Table;
import org.csc.etl.simulate.World.*;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.csc.etl.simulate.Formats.*;

/**
 * Liquid Logic's reporting-warehouse extract (HDM.Child_Social names). FULL drops hold every live
 * row; DELTA drops hold rows entered or changed since the previous extract, and deletions in
 * _DELETIONS.csv. History migrated from Care First is in the go-live FULL drop with new keys and
 * LEGACY_ID. Some tables carry a byte-order mark and CRLF (exported on Windows) and some write
 * nulls as the literal NULL, as the real extracts do.
 */
final class LiquidLogicExport {
    private static final Set<String> BOM = Set.of("DIM_PERSON", "FACT_CONTACTS", "FACT_CASENOTES", "FACT_CLA_PLACEMENT");
    private static final Set<String> NULL_LITERAL = Set.of("DIM_PERSON", "DIM_WORKER", "FACT_REFERRALS", "FACT_SINGLE_ASSESSMENT",
            "FACT_CP_PLAN", "FACT_CLA", "FACT_CARE_EPISODES", "FACT_HEALTH_CHECK", "FACT_INVOLVEMENTS");
    private static final Map<String, String> ETHNICITY = Map.ofEntries(Map.entry("White British", "WBRI"), Map.entry("White - British", "WBRI"),
            Map.entry("White Irish", "WIRI"), Map.entry("White Other", "WOTH"), Map.entry("Gypsy/Roma", "WROM"),
            Map.entry("Mixed White & Black Caribbean", "MWBC"), Map.entry("Mixed White & Asian", "MWAS"), Map.entry("Mixed Other", "MOTH"),
            Map.entry("Asian Pakistani", "APKN"), Map.entry("Asian Bangladeshi", "ABAN"), Map.entry("Asian Indian", "AIND"),
            Map.entry("Black African", "BAFR"), Map.entry("Chinese", "CHNE"), Map.entry("Other Ethnic Group", "OOTH"),
            Map.entry("Not Given", "NOBT"), Map.entry("Refused", "REFU"));
    private static final Map<String, String> CATEGORY = Map.of("Neglect", "Neglect", "Physical", "Physical Abuse",
            "Emotional", "Emotional Abuse", "Sexual", "Sexual Abuse", "Multiple", "Multiple");
    private static final Map<String, String> LEGAL = Map.of("C1", "Interim care order", "C2", "Full care order",
            "E1", "Placement order granted", "V2", "Single period of accommodation under section 20",
            "V3", "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded",
            "V4", "Accommodated under an agreed series of short-term breaks, when agreements are recorded",
            "L1", "Under police protection and in local authority accommodation", "L2", "Emergency protection order",
            "J1", "Remanded to local authority accommodation or to youth detention accommodation");
    private static final Map<String, String> START_REASON = Map.of("S", "Started to be looked after", "L", "Change of legal status only",
            "P", "Change of placement only", "B", "Change of legal status and placement");
    private static final Map<String, String> END_REASON = Map.ofEntries(Map.entry("X1", "Episode ceases and new episode begins on same day"),
            Map.entry("E11", "Adopted - application unopposed"), Map.entry("E2", "Died"), Map.entry("E3", "Care taken over by another local authority"),
            Map.entry("E4A", "Returned home to live with parents as part of care planning"), Map.entry("E41", "Child arrangements order granted"),
            Map.entry("E45", "Special guardianship order to former foster carers (relative or friend)"),
            Map.entry("E5", "Moved into independent living with support"), Map.entry("E9", "Sentenced to custody"),
            Map.entry("E17", "Aged 18 and remained with current carers"), Map.entry("E8", "Ceased for any other reason"));
    private static final Map<String, String> PLACEMENT = Map.ofEntries(Map.entry("FOST-REL", "U1"), Map.entry("FOST-REL-ST", "U3"),
            Map.entry("FOST-LA", "U4"), Map.entry("FOST-LA-ST", "U6"), Map.entry("FOST-IFA", "U6"), Map.entry("FOST-ADOPT", "A4"),
            Map.entry("ADOPT-PLACED", "A6"), Map.entry("RES-LA", "K2"), Map.entry("RES-PRIV", "K2"), Map.entry("RES-SCHOOL", "S1"),
            Map.entry("SECURE", "K1"), Map.entry("PLACED-PARENT", "P1"), Map.entry("SEMI-IND", "H5"), Map.entry("IND-LIVING", "P2"),
            Map.entry("HOSP", "R2"), Map.entry("YOI", "R5"), Map.entry("OTHER", "Z1"));
    private static final Map<String, String> HEALTH_TYPE = Map.of("IHA", "Initial Health Assessment", "RHA", "Review Health Assessment", "DENTAL", "Dental Check");
    private static final Map<String, String> HEALTH_STATUS = Map.of("COMPLETED", "Completed", "REFUSED", "Refused", "OUTSTANDING", "Outstanding");
    private static final Map<String, String> ACCOMMODATION = Map.ofEntries(Map.entry("With parents", "B"), Map.entry("Community home", "C"),
            Map.entry("Semi-independent", "D"), Map.entry("Supported lodgings", "E"), Map.entry("Foster care (staying put)", "G"),
            Map.entry("Independent living", "H"), Map.entry("Bed and breakfast", "K"), Map.entry("In custody", "R"),
            Map.entry("No fixed abode", "S"), Map.entry("Other", "Z"));
    private static final Map<String, String> ACTIVITY = Map.of("Higher education", "F1", "Full time education", "F2",
            "Part time education", "P2", "Full time employment", "F4", "Part time employment", "P4", "Training", "F5",
            "NEET - illness or disability", "G4", "NEET - pregnancy or parenting", "G6", "NEET - other", "G5");
    private static final Map<String, String> LEAD = Map.of("School", "SCH", "Health", "HLTH", "Early Years", "EY",
            "Youth Service", "YTH", "Social Care", "CSC", "Other", "OTH");
    private static final Map<String, String> TITLE = Map.of("SW", "Social Worker", "ASYE", "Social Worker (ASYE)", "AP", "Advanced Practitioner",
            "PS", "Practice Supervisor", "TM", "Team Manager", "PA", "Personal Advisor", "FSW", "Family Support Worker");

    private final World w;
    private final Contract contract = Contract.of("liquidlogic");
    private final LocalDateTime goLive;
    private final Team safeguarding;
    private final List<Episode> episodes = new ArrayList<>();
    private final List<Legal> legal = new ArrayList<>();
    private final List<Placement> placements = new ArrayList<>();
    private final List<Contact> deletedContacts = new ArrayList<>();
    private final Map<List<? extends Rec>, ChangeIndex<? extends Rec>> indexes = new IdentityHashMap<>();
    private DropWriter drop;
    private LocalDateTime cut;
    private LocalDateTime since; // null for a FULL drop

    LiquidLogicExport(World w, LocalDate goLive) {
        this.w = w;
        this.goLive = goLive.atStartOfDay();
        Team s = null;
        for (Team t : w.teams) if (t.kind.equals("SAFEGUARDING")) s = t;
        this.safeguarding = s;
        for (Contact c : w.contacts) if (c.deleted != null) deletedContacts.add(c);
        for (Period p : w.periods) {
            episodes.addAll(p.episodes);
            legal.addAll(p.legal);
            placements.addAll(p.placements);
        }
    }

    /** The whole list for a FULL drop; for a DELTA, only records changed since the previous drop. */
    @SuppressWarnings("unchecked")
    private <T extends Rec> List<T> rows(List<T> list) {
        if (since == null) return list;
        ChangeIndex<T> ix = (ChangeIndex<T>) indexes.computeIfAbsent(list, l -> new ChangeIndex<>((List<T>) l));
        return ix.changed(since, cut);
    }

    private boolean referenceTables = true;

    /** The authority's departments are written by the first shard only; the others append people and events. */
    void withoutReferenceTables() { referenceTables = false; }

    void write(DropWriter drop, LocalDateTime extractedAt, LocalDateTime previous) {
        this.drop = drop;
        this.cut = extractedAt;
        this.since = previous;
        departments();
        persons();
        workers();
        contacts();
        referrals();
        assessments();
        meetings();
        s47();
        conferences();
        plans();
        reviews();
        notes();
        care();
        health();
        eligibility();
        leavers();
        involvements();
        cafs();
        if (since != null) deletions();
    }

    // ------------------------------------------------------------------ plumbing

    /** A table is opened lazily so that a DELTA drop omits tables with no changes. */
    private final class Lazy implements AutoCloseable {
        private final String name;
        private Table table;

        Lazy(String name) { this.name = name; }

        Table row() {
            if (table == null) {
                List<String> cols = contract.columns(name).stream().map(Contract.Column::name).toList();
                boolean bom = BOM.contains(name);
                table = drop.table(name, cols, StandardCharsets.UTF_8, bom ? "\r\n" : "\n", bom, NULL_LITERAL.contains(name) ? "NULL" : "");
            }
            return table;
        }

        @Override
        public void close() {
            if (table == null && since == null) row();
            if (table != null) table.close();
        }
    }

    private boolean include(Rec r) {
        if (!r.visible(cut)) return false;
        return since == null || r.changedIn(since, cut);
    }

    private boolean has(Rec r, DefectClass c) {
        if (r instanceof Child child) return r.has(c) && !child.originCf;
        return r.has(c) && !r.recorded.isBefore(goLive);
    }

    private String updated(Rec r) { return llDateTime(r.lastUpdated(cut)); }
    private static long id(Rec r) { return Keys.ll(r.id); }
    private static Long id(Worker x) { return x == null ? null : Keys.ll(x.id); }
    private static long dept(Team t) { return 100 + t.id; }

    /** The person a record belongs to in Liquid Logic; Care First duplicates were merged before migration. */
    private long person(Child c) { return Keys.ll(c.id); }

    private boolean ended(Rec r) { return r.endKnown(cut); }

    // ------------------------------------------------------------------ tables

    private void departments() {
        try (Lazy t = new Lazy("DIM_DEPARTMENT")) {
            if (since != null || !referenceTables) return;
            for (Team x : w.teams) {
                t.row().set("DIM_DEPARTMENT_ID", dept(x)).set("NAME", x.name)
                        .set("DEPT_TYPE_DESCRIPTION", x.area == 0 ? "Authority-wide" : "Area " + x.area)
                        .set("LAST_UPDATED_DTTM", llDateTime(goLive.minusDays(7))).endRow();
            }
        }
    }

    private void persons() {
        try (Lazy t = new Lazy("DIM_PERSON")) {
            for (Child c : rows(w.children)) {
                if (c.duplicateOf != null && c.recorded.isBefore(goLive)) continue;
                if (!include(c)) continue;
                boolean migrated = c.recorded.isBefore(goLive);
                String postcode = has(c, DefectClass.PLACEHOLDER_POSTCODE) ? (c.id % 2 == 0 ? "ZZ99 9ZZ" : "XX") : c.postcode;
                t.row().set("DIM_PERSON_ID", person(c))
                        .set("LEGACY_ID", migrated && !c.noLegacyId ? String.valueOf(Keys.cf(c.id)) : null)
                        .set("FORENAME", c.forename).set("SURNAME", c.surname).set("BIRTH_DTTM", llDateTime(c.dob))
                        .set("DOB_ESTIMATED", "N")
                        .set("GENDER_MAIN_CODE", has(c, DefectClass.MISSING_MANDATORY) ? null : String.valueOf(c.gender))
                        .set("ETHNICITY_MAIN_CODE", ETHNICITY.get(c.ethnicity)).set("UPN", c.upn).set("POSTCODE", postcode)
                        .set("IS_CLIENT", c.duplicateOf != null && ended(c) ? "N" : "Y")
                        .set("DUPLICATED_DTTM", c.duplicateOf != null && ended(c) ? llDateTime(c.duplicateMarked) : null)
                        .set("LAST_UPDATED_DTTM", updated(c)).endRow();
            }
        }
    }

    private void workers() {
        try (Lazy t = new Lazy("DIM_WORKER")) {
            for (Worker x : rows(w.workers)) {
                if (!include(x)) continue;
                t.row().set("DIM_WORKER_ID", id(x)).set("STAFF_ID", x.staffId)
                        .set("LEGACY_WORKER_ID", x.recorded.isBefore(goLive) ? String.valueOf(Keys.cf(x.id)) : null)
                        .set("FORENAME", x.forename).set("SURNAME", x.surname).set("JOB_TITLE", TITLE.get(x.jobTitle))
                        .set("DIM_DEPARTMENT_ID", dept(x.team)).set("FULL_TIME_EQUIVALENCY", String.valueOf(x.fte))
                        .set("WORKER_ID_CODE", x.registration).set("EMPLOYMENT_TYPE_DESC", x.employment)
                        .set("START_DTTM", llDateTime(x.start)).set("END_DTTM", ended(x) ? llDateTime(x.end) : null)
                        .set("LAST_UPDATED_DTTM", updated(x)).endRow();
            }
        }
    }

    private void contacts() {
        try (Lazy t = new Lazy("FACT_CONTACTS")) {
            for (Contact c : rows(w.contacts)) {
                if (!include(c)) continue;
                Child as = c.recordedAs != null && c.recordedAs.recorded.isBefore(goLive) ? c.child
                        : c.recordedAs != null && !c.updateKnown(cut) ? c.recordedAs : c.child;
                boolean src = !has(c, DefectClass.MISSING_MANDATORY);
                t.row().set("FACT_CONTACT_ID", id(c)).set("DIM_PERSON_ID", person(as)).set("CONTACT_DTTM", llDateTime(c.date))
                        .set("DIM_LOOKUP_CONT_SORC_ID", src ? People.SOURCE_CODES[c.source] : null)
                        .set("DIM_LOOKUP_CONT_SORC_ID_DESC", src ? People.SOURCES[c.source] : null)
                        .set("OUTCOME_NEW_REFERRAL_FLAG", flag(c.outcome.equals("NEW_REFERRAL") || c.outcome.equals("STRATEGY")))
                        .set("OUTCOME_EXISTING_REFERRAL_FLAG", flag(c.outcome.equals("EXISTING")))
                        .set("OUTCOME_CP_ENQUIRY_FLAG", flag(c.outcome.equals("STRATEGY")))
                        .set("OUTCOME_NFA_FLAG", flag(c.outcome.equals("NFA")))
                        .set("OUTCOME_ADVICE_FLAG", flag(c.outcome.equals("ADVICE")))
                        .set("OUTCOME_EARLY_HELP_FLAG", flag(c.outcome.equals("EARLY_HELP")))
                        .set("DIM_DEPARTMENT_ID", dept(c.team))
                        .set("DIM_WORKER_ID", has(c, DefectClass.MINUS_ONE_LINK) ? Long.valueOf(-1) : id(c.worker))
                        .set("CREATED_DTTM", llDateTime(c.recorded)).set("LAST_UPDATED_DTTM", updated(c)).endRow();
            }
        }
    }

    private String needCode(Referral r) {
        if (has(r, DefectClass.INVALID_CODE)) return "N12";
        int need = r.correctedNeedFrom >= 0 && !r.updateKnown(cut) ? r.correctedNeedFrom : r.need;
        String code = "N" + need;
        return r.id % 7 == 0 ? code + " " + People.NEEDS[need] : code;
    }

    private void referrals() {
        try (Lazy t = new Lazy("FACT_REFERRALS")) {
            for (Referral r : rows(w.referrals)) {
                if (!include(r)) continue;
                boolean closed = ended(r);
                boolean src = !has(r, DefectClass.MISSING_MANDATORY);
                t.row().set("FACT_REFERRAL_ID", id(r)).set("DIM_PERSON_ID", person(r.child))
                        .set("FACT_CONTACT_ID", r.contact == null ? null : has(r, DefectClass.MINUS_ONE_LINK) ? Long.valueOf(-1) : Long.valueOf(id(r.contact)))
                        .set("REFRL_START_DTTM", llDateTime(r.date)).set("REFRL_END_DTTM", closed ? llDateTime(r.closeDate) : null)
                        .set("DIM_LOOKUP_CATEGORY_OF_NEED_CODE", needCode(r))
                        .set("DIM_LOOKUP_CONT_SORC_ID", src ? People.SOURCE_CODES[r.source] : null)
                        .set("OUTCOME_NFA_FLAG", flag(r.nfa)).set("OUTCOME_SINGLE_ASSESSMENT_FLAG", flag(r.assessment != null))
                        .set("OUTCOME_STRATEGY_DISCUSSION_FLAG", flag(r.strategy))
                        .set("DIM_LOOKUP_REFRL_ENDRSN_ID_CODE", closed ? r.closeReason : null)
                        .set("DIM_DEPARTMENT_ID", dept(r.team)).set("DIM_WORKER_ID", id(r.worker))
                        .set("CREATED_DTTM", llDateTime(r.recorded)).set("LAST_UPDATED_DTTM", updated(r)).endRow();
            }
        }
    }

    private void assessments() {
        try (Lazy t = new Lazy("FACT_SINGLE_ASSESSMENT"); Lazy f = new Lazy("FACT_FORM_ANSWERS")) {
            for (Assessment a : rows(w.assessments)) {
                if (!include(a)) continue;
                boolean done = ended(a);
                String status = done ? a.status : "O";
                t.row().set("FACT_SINGLE_ASSESSMENT_ID", id(a)).set("DIM_PERSON_ID", person(a.child))
                        .set("FACT_REFERRAL_ID", has(a, DefectClass.ORPHAN_LINK) ? Keys.orphan(a.id) : id(a.referral))
                        .set("FACT_FORM_ID", Keys.form(a.id)).set("START_DTTM", llDateTime(a.start))
                        .set("DIM_LOOKUP_STEP_SUBSTATUS_CODE", status).set("OUTCOME_NFA_FLAG", flag(done && a.status.equals("C") && a.referral.closeReason != null && a.referral.closeReason.equals("RC8")))
                        .set("COMPLETED_BY_DEPT_ID", dept(a.team)).set("COMPLETED_BY_USER_ID", id(a.worker))
                        .set("CREATED_DTTM", llDateTime(a.recorded)).set("LAST_UPDATED_DTTM", updated(a)).endRow();
                f.row().set("FACT_FORM_ID", Keys.form(a.id)).set("ANSWER_NO", "seenYN").set("ANSWER", a.childSeen ? "Yes" : "No")
                        .set("LAST_UPDATED_DTTM", llDateTime(a.recorded)).endRow();
                if (done && status.equals("C")) {
                    f.row().set("FACT_FORM_ID", Keys.form(a.id)).set("ANSWER_NO", "FormEndDate").set("ANSWER", cfDate(a.authorised))
                            .set("LAST_UPDATED_DTTM", llDateTime(a.endRecorded)).endRow();
                }
            }
        }
    }

    private void meetings() {
        try (Lazy t = new Lazy("FACT_MEETINGS")) {
            for (S47 s : rows(w.s47s)) {
                if (!include(s)) continue;
                LocalDate strat = has(s, DefectClass.DATES_OUT_OF_ORDER) ? s.misrecordedStrategy : s.strategyDate;
                t.row().set("FACT_MEETING_ID", Keys.strategyMeeting(s.id)).set("DIM_PERSON_ID", person(s.child))
                        .set("FACT_REFERRAL_ID", id(s.referral)).set("DIM_LOOKUP_MTG_TYPE_ID_CODE", "StratDisc")
                        .set("DUE_DTTM", llDateTime(s.strategyDate)).set("ACTUAL_DTTM", llDateTime(strat)).set("CANCELLED", "N")
                        .set("CREATED_DTTM", llDateTime(s.recorded)).set("LAST_UPDATED_DTTM", llDateTime(s.recorded)).endRow();
            }
            for (Conference c : rows(w.conferences)) {
                if (!include(c)) continue;
                t.row().set("FACT_MEETING_ID", Keys.conferenceMeeting(c.id)).set("DIM_PERSON_ID", person(c.child))
                        .set("FACT_REFERRAL_ID", c.referral == null ? null : id(c.referral))
                        .set("DIM_LOOKUP_MTG_TYPE_ID_CODE", c.type.equals("REVIEW") ? "CPReview" : "CPConference")
                        .set("DUE_DTTM", llDateTime(c.due)).set("ACTUAL_DTTM", llDateTime(c.date)).set("CANCELLED", "N")
                        .set("CREATED_DTTM", llDateTime(c.recorded)).set("LAST_UPDATED_DTTM", updated(c)).endRow();
            }
        }
    }

    private void s47() {
        try (Lazy t = new Lazy("FACT_S47")) {
            for (S47 s : rows(w.s47s)) {
                if (!include(s)) continue;
                boolean done = ended(s);
                t.row().set("FACT_S47_ID", id(s)).set("DIM_PERSON_ID", person(s.child)).set("FACT_REFERRAL_ID", id(s.referral))
                        .set("FACT_STRAT_MEETING_ID", Keys.strategyMeeting(s.id)).set("START_DTTM", llDateTime(s.start))
                        .set("END_DTTM", done ? llDateTime(s.end) : null)
                        .set("OUTCOME_NFA_FLAG", done ? flag(s.outcome.equals("NFA")) : null)
                        .set("OUTCOME_CP_CONFERENCE_FLAG", done ? flag(s.outcome.equals("ICPC")) : null)
                        .set("COMPLETED_BY_DEPT_ID", dept(s.team)).set("COMPLETED_BY_USER_STAFF_ID", id(s.worker))
                        .set("CREATED_DTTM", llDateTime(s.recorded)).set("LAST_UPDATED_DTTM", updated(s)).endRow();
            }
        }
    }

    private void conferences() {
        try (Lazy t = new Lazy("FACT_CP_CONFERENCE")) {
            for (Conference c : rows(w.conferences)) {
                if (c.type.equals("REVIEW") || !include(c)) continue;
                t.row().set("FACT_CP_CONFERENCE_ID", id(c)).set("FACT_MEETING_ID", Keys.conferenceMeeting(c.id))
                        .set("DIM_PERSON_ID", person(c.child)).set("FACT_S47_ID", c.s47 == null ? Long.valueOf(-1) : Long.valueOf(id(c.s47)))
                        .set("FACT_REFERRAL_ID", c.referral == null ? null : id(c.referral))
                        .set("TRANSFER_IN_FLAG", flag(c.type.equals("TRANSFER_IN"))).set("DUE_DTTM", llDateTime(c.due))
                        .set("OUTCOME_CP_FLAG", flag(c.planResult)).set("ORGANISED_BY_DEPT_ID", dept(safeguarding))
                        .set("LAST_UPDATED_DTTM", updated(c)).endRow();
            }
        }
    }

    private void plans() {
        try (Lazy t = new Lazy("FACT_CP_PLAN")) {
            for (Plan p : rows(w.plans)) {
                if (!include(p)) continue;
                t.row().set("FACT_CP_PLAN_ID", id(p)).set("DIM_PERSON_ID", person(p.child))
                        .set("FACT_REFERRAL_ID", p.referral == null ? null : id(p.referral))
                        .set("FACT_INITIAL_CP_CONFERENCE_ID", id(p.icpc)).set("START_DTTM", llDateTime(p.start))
                        .set("END_DTTM", ended(p) ? llDateTime(p.end) : null)
                        .set("INIT_CATEGORY_DESC", CATEGORY.get(p.category)).set("CP_CATEGORY_DESC", CATEGORY.get(p.latestCategory))
                        .set("IS_OLA", "N").set("CREATED_DTTM", llDateTime(p.recorded)).set("LAST_UPDATED_DTTM", updated(p)).endRow();
            }
        }
    }

    private void reviews() {
        try (Lazy t = new Lazy("FACT_CP_REVIEW")) {
            for (Conference c : rows(w.conferences)) {
                if (!c.type.equals("REVIEW") || !include(c)) continue;
                t.row().set("FACT_CP_REVIEW_ID", id(c)).set("FACT_CP_PLAN_ID", id(c.plan)).set("DIM_PERSON_ID", person(c.child))
                        .set("DUE_DTTM", llDateTime(c.due)).set("MEETING_DTTM", llDateTime(c.date))
                        .set("OUTCOME_CONTINUE_CP_FLAG", "Y").set("LAST_UPDATED_DTTM", updated(c)).endRow();
            }
        }
    }

    private void notes() {
        try (Lazy t = new Lazy("FACT_CASENOTES"); Lazy cp = new Lazy("FACT_CP_VISIT"); Lazy cla = new Lazy("FACT_CLA_VISIT")) {
            for (Note n : rows(w.notes)) {
                if (!include(n)) continue;
                boolean general = has(n, DefectClass.STAT_VISIT_AS_CASE_NOTE);
                t.row().set("FACT_CASENOTE_ID", id(n)).set("DIM_PERSON_ID", person(n.child)).set("EVENT_DTTM", llDateTime(n.date))
                        .set("DIM_LOOKUP_CASNT_TYPE_ID_CODE", general ? "GEN" : n.type).set("SUBJECT", n.subject)
                        .set("SEEN_FLAG", n.seen ? "1" : "0").set("SEEN_ALONE_FLAG", n.seenAlone ? "1" : "0")
                        .set("DIM_WORKER_ID", id(n.worker)).set("CREATED_DTTM", llDateTime(n.recorded))
                        .set("LAST_UPDATED_DTTM", updated(n)).endRow();
                if (general) continue;
                if (n.plan != null) {
                    cp.row().set("FACT_CP_VISIT_ID", Keys.ll(n.linkId)).set("FACT_CASENOTE_ID", id(n)).set("FACT_CP_PLAN_ID", id(n.plan))
                            .set("LAST_UPDATED_DTTM", updated(n)).endRow();
                } else if (n.period != null) {
                    cla.row().set("FACT_CLA_VISIT_ID", Keys.ll(n.linkId)).set("FACT_CASENOTE_ID", id(n)).set("FACT_CLA_ID", id(n.period))
                            .set("DIM_PERSON_ID", person(n.child)).set("LAST_UPDATED_DTTM", updated(n)).endRow();
                }
            }
        }
    }

    private void care() {
        try (Lazy cla = new Lazy("FACT_CLA"); Lazy ep = new Lazy("FACT_CARE_EPISODES"); Lazy lg = new Lazy("FACT_LEGAL_STATUS");
             Lazy pl = new Lazy("FACT_CLA_PLACEMENT")) {
            for (Period p : rows(w.periods)) {
                if (!include(p)) continue;
                cla.row().set("FACT_CLA_ID", id(p)).set("DIM_PERSON_ID", person(p.child))
                        .set("FACT_REFERRAL_ID", p.referral == null ? null : id(p.referral)).set("START_DTTM", llDateTime(p.start))
                        .set("END_DTTM", ended(p) ? llDateTime(p.end) : null).set("HOME_POSTCODE", p.homePostcode)
                        .set("LAST_UPDATED_DTTM", updated(p)).endRow();
            }
            for (Episode e : rows(episodes)) {
                if (!include(e)) continue;
                Period p = e.period;
                boolean done = ended(e);
                ep.row().set("FACT_CARE_EPISODES_ID", id(e)).set("FACT_CLA_ID", id(p)).set("DIM_PERSON_ID", person(p.child))
                        .set("FACT_CLA_PLACEMENT_ID", id(e.placement)).set("CARE_START_DATE", llDate(e.start))
                        .set("CARE_END_DATE", done ? llDate(e.end) : null).set("CARE_REASON_DESC", START_REASON.get(e.reason))
                        .set("CARE_REASON_END_DESC", done ? END_REASON.get(e.endReason) : null)
                        .set("CIN_903_CODE", p.need >= 1 && p.need <= 8 ? "N" + p.need : "N8")
                        .set("LAST_UPDATED_DTTM", updated(e)).endRow();
            }
            for (Legal l : rows(legal)) {
                if (!include(l)) continue;
                lg.row().set("FACT_LEGAL_STATUS_ID", id(l)).set("DIM_PERSON_ID", person(l.period.child))
                        .set("DIM_LOOKUP_LGL_STATUS_DESC", LEGAL.get(l.code)).set("START_DTTM", llDateTime(l.start))
                        .set("END_DTTM", ended(l) ? llDateTime(l.end) : null).set("LAST_UPDATED_DTTM", updated(l)).endRow();
            }
            for (Placement x : rows(placements)) {
                if (!include(x)) continue;
                Period p = x.period;
                String distance = has(x, DefectClass.DISTANCE_NOT_NUMERIC) ? CareFirstExport.words(x.id)
                        : x.distance < 0 ? null : String.valueOf(x.distance);
                pl.row().set("FACT_CLA_PLACEMENT_ID", id(x)).set("FACT_CLA_ID", id(p)).set("DIM_PERSON_ID", person(p.child))
                        .set("START_DTTM", llDateTime(x.start)).set("END_DTTM", ended(x) ? llDateTime(x.end) : null)
                        .set("DIM_LOOKUP_PLACEMENT_TYPE_CODE", has(x, DefectClass.INVALID_CODE) ? "U9" : PLACEMENT.get(x.type))
                        .set("DIM_LOOKUP_PLACEMENT_PROVIDER_CODE", x.provider).set("DIM_LOOKUP_PLAC_CHNG_REAS_CODE", x.changeReason)
                        .set("POSTCODE", x.postcode).set("DISTANCE_FROM_HOME", distance)
                        .set("LAST_UPDATED_DTTM", updated(x)).endRow();
            }
        }
    }

    private void health() {
        try (Lazy t = new Lazy("FACT_HEALTH_CHECK")) {
            for (Health h : rows(w.health)) {
                if (h.manualOnly || !include(h)) continue;
                t.row().set("FACT_HEALTH_CHECK_ID", id(h)).set("DIM_PERSON_ID", person(h.child))
                        .set("DIM_LOOKUP_EVENT_TYPE_DESC", HEALTH_TYPE.get(h.type))
                        .set("DUE_DTTM", has(h, DefectClass.UNPARSEABLE_VALUE) ? llImpossible(h.due) : llDateTime(h.due))
                        .set("START_DTTM", llDateTime(h.date)).set("DIM_LOOKUP_EXAM_STATUS_DESC", HEALTH_STATUS.get(h.status))
                        .set("CREATED_DTTM", llDateTime(h.recorded)).set("LAST_UPDATED_DTTM", updated(h)).endRow();
            }
        }
    }

    /** Eligibility changes when a young person leaves care and again at 18. */
    private void eligibility() {
        try (Lazy t = new Lazy("DIM_CLA_ELIGIBILITY")) {
            for (Child c : w.children) {
                if (!c.careLeaver || c.leftCare == null) continue;
                LocalDateTime left = c.leftCare.atTime(18, 0);
                if (!left.isBefore(cut)) continue;
                LocalDateTime adult = c.dob.plusYears(18).atTime(1, 0);
                boolean changed = since == null || World.Rec.in(left, since, cut) || World.Rec.in(adult, since, cut);
                if (!changed) continue;
                boolean former = adult.isBefore(cut);
                t.row().set("DIM_PERSON_ID", person(c)).set("DIM_LOOKUP_ELIGIBILITY_STATUS_DESC", former ? "Former relevant" : "Relevant")
                        .set("LAST_UPDATED_DTTM", llDateTime(former && adult.isAfter(left) ? adult : left)).endRow();
            }
        }
    }

    private void leavers() {
        try (Lazy t = new Lazy("FACT_CLA_CARE_LEAVERS")) {
            for (LeaverContact k : rows(w.leaverContacts)) {
                if (!include(k)) continue;
                t.row().set("FACT_CLA_CARE_LEAVERS_ID", id(k)).set("DIM_PERSON_ID", person(k.child))
                        .set("IN_TOUCH_DTTM", llDateTime(k.date)).set("DIM_LOOKUP_IN_TOUCH_CODE_CODE", k.inTouch)
                        .set("DIM_LOOKUP_ACCOMMODATION_CODE", ACCOMMODATION.get(k.accommodation) + (k.suitable ? "1" : "2"))
                        .set("DIM_LOOKUP_ACCOMMODATION_SUITABLE_DESC", k.suitable ? "Suitable" : "Unsuitable")
                        .set("DIM_LOOKUP_MAIN_ACTIVITY_CODE", ACTIVITY.get(k.activity))
                        .set("LAST_UPDATED_DTTM", updated(k)).endRow();
            }
        }
    }

    private void involvements() {
        try (Lazy t = new Lazy("FACT_INVOLVEMENTS")) {
            for (Allocation a : rows(w.allocations)) {
                if (!include(a)) continue;
                t.row().set("FACT_INVOLVEMENTS_ID", id(a)).set("DIM_PERSON_ID", person(a.child)).set("DIM_WORKER_ID", id(a.worker))
                        .set("DIM_DEPARTMENT_ID", dept(a.worker.team)).set("DIM_LOOKUP_INVOLVEMENT_TYPE_CODE", a.role)
                        .set("IS_ALLOCATED_CW_FLAG", flag(!a.role.equals("KA"))).set("START_DTTM", llDateTime(a.start))
                        .set("END_DTTM", ended(a) ? llDateTime(a.end) : null)
                        .set("FACT_REFERRAL_ID", a.referral == null ? null : id(a.referral))
                        .set("LAST_UPDATED_DTTM", updated(a)).endRow();
            }
        }
    }

    private void cafs() {
        try (Lazy t = new Lazy("FACT_CAF_EPISODE")) {
            for (Caf f : rows(w.cafs)) {
                if (!include(f)) continue;
                boolean wrong = has(f, DefectClass.DATES_OUT_OF_ORDER);
                boolean done = ended(f);
                t.row().set("FACT_CAF_EPISODE_ID", id(f)).set("DIM_PERSON_ID", person(f.child))
                        .set("EPISODE_START_DTTM", llDateTime(f.start))
                        .set("EPISODE_END_DTTM", wrong ? llDateTime(f.start.minusDays(1 + f.id % 20)) : done ? llDateTime(f.end) : null)
                        .set("START_REASON", "Contact - early help")
                        .set("DIM_LOOKUP_CAF_EP_ENDRSN_ID_CODE", done ? (f.endReason.startsWith("Outcomes") ? "OA" : f.endReason.startsWith("Stepped") ? "SU" : "FW") : null)
                        .set("DIM_LOOKUP_ORIGINATING_ORGANISATION_CODE", LEAD.get(f.leadAgency))
                        .set("DIM_DEPARTMENT_ID", dept(f.team)).set("LAST_UPDATED_DTTM", updated(f)).endRow();
            }
        }
    }

    private void deletions() {
        Table t = null;
        for (Contact c : deletedContacts) {
            if (c.deleted == null || !World.Rec.in(c.deleted, since, cut) || !c.recorded.isBefore(since)) continue;
            if (t == null) t = drop.table("_DELETIONS", List.of("TABLE_NAME", "PRIMARY_KEY", "DELETED_DTTM"), StandardCharsets.UTF_8, "\n", false, "");
            t.set("TABLE_NAME", "FACT_CONTACTS").set("PRIMARY_KEY", id(c)).set("DELETED_DTTM", llDateTime(c.deleted)).endRow();
        }
        if (t != null) t.close();
    }
}
