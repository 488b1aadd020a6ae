package org.csc.etl.simulate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated authority's true history. Every record knows when it was entered into a case
 * system ({@code recorded}), when its end was entered ({@code endRecorded}), a later correction
 * ({@code updated}) and a deletion at source ({@code deleted}); the exporters use those to decide
 * what each drop contains, while the truth uses the event dates.
 */
final class World {
    final List<Team> teams = new ArrayList<>();
    final List<Worker> workers = new ArrayList<>();
    final List<Child> children = new ArrayList<>();
    final List<Contact> contacts = new ArrayList<>();
    final List<Referral> referrals = new ArrayList<>();
    final List<Assessment> assessments = new ArrayList<>();
    final List<S47> s47s = new ArrayList<>();
    final List<Conference> conferences = new ArrayList<>();
    final List<Plan> plans = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();
    final List<Period> periods = new ArrayList<>();
    final List<Health> health = new ArrayList<>();
    final List<LeaverContact> leaverContacts = new ArrayList<>();
    final List<Caf> cafs = new ArrayList<>();
    final List<Allocation> allocations = new ArrayList<>();
    final List<SicknessMonth> sickness = new ArrayList<>();

    /** Base of every record: what the case system saw and when. */
    abstract static class Rec {
        int id;
        LocalDateTime recorded;
        LocalDateTime endRecorded;
        LocalDateTime updated;
        LocalDateTime deleted;
        /** bit per DefectClass ordinal, for the system the record was first entered in */
        int defects;

        boolean has(DefectClass c) { return (defects & (1 << c.ordinal())) != 0; }
        void mark(DefectClass c) { defects |= 1 << c.ordinal(); }

        boolean visible(LocalDateTime cut) {
            return recorded != null && recorded.isBefore(cut) && (deleted == null || !deleted.isBefore(cut));
        }
        boolean endKnown(LocalDateTime cut) { return endRecorded != null && endRecorded.isBefore(cut); }
        boolean updateKnown(LocalDateTime cut) { return updated != null && updated.isBefore(cut); }

        boolean changedIn(LocalDateTime from, LocalDateTime cut) {
            return in(recorded, from, cut) || in(endRecorded, from, cut) || in(updated, from, cut);
        }

        /** The latest entry into the system known at the cut: Liquid Logic's LAST_UPDATED_DTTM. */
        LocalDateTime lastUpdated(LocalDateTime cut) {
            LocalDateTime t = recorded;
            if (endKnown(cut) && endRecorded.isAfter(t)) t = endRecorded;
            if (updateKnown(cut) && updated.isAfter(t)) t = updated;
            return t;
        }

        static boolean in(LocalDateTime t, LocalDateTime from, LocalDateTime cut) {
            return t != null && !t.isBefore(from) && t.isBefore(cut);
        }
    }

    static final class Team {
        int id;
        String name;       // Liquid Logic department name
        int area;          // 1..3, 0 for authority-wide teams
        String kind;       // LOCALITY, LAC, LEAVING, SAFEGUARDING, FRONT_DOOR, EARLY_HELP
        String cfName;     // canonical Care First spelling
        String[] cfVariants;
        final List<Worker> active = new ArrayList<>();
    }

    static final class Worker extends Rec {
        String forename, surname, jobTitle, employment, staffId, registration;
        Team team;
        double fte;
        boolean qualified;
        LocalDate start, end;
        int caseload;
        boolean caseHolding() { return jobTitle.equals("SW") || jobTitle.equals("ASYE") || jobTitle.equals("AP") || jobTitle.equals("PA"); }
    }

    static final class Child extends Rec {
        String forename, surname, upn, postcode, ethnicity;
        char gender;
        LocalDate dob;
        int area;
        Child duplicateOf;          // a duplicate person record: not a child
        LocalDateTime duplicateMarked;
        boolean noLegacyId;
        boolean originCf;           // the system the person record was first entered in
        Referral openReferral;
        Referral lastReferral;
        Plan openPlan;
        Plan lastPlan;
        Period openPeriod;
        Allocation allocation;
        boolean careLeaver;
        LocalDate leftCare;
        boolean shortBreaks;
        final List<Period> periods = new ArrayList<>(); // periods of care, short breaks excluded
        String trueRef() { return "C" + id; }
    }

    static final class Contact extends Rec {
        Child child;
        Child recordedAs;  // duplicate person the contact was entered against, if any
        LocalDate date;
        int source;
        String outcome;    // NEW_REFERRAL STRATEGY EXISTING NFA ADVICE EARLY_HELP
        boolean enteredInError; // deleted at source; not a true contact
        Team team;
        Worker worker;
    }

    static final class Referral extends Rec {
        Child child;
        Contact contact;
        LocalDate date, closeDate;
        int source, need;
        boolean nfa, strategy, rereferral;
        String closeReason;
        LocalDate plannedClose;
        int correctedNeedFrom = -1; // need as first typed, before a correction (Liquid Logic update)
        Team team;
        Worker worker;
        Assessment assessment;
    }

    static final class Assessment extends Rec {
        Child child;
        Referral referral;
        LocalDate start, completed, authorised;
        String status;  // C O X
        boolean childSeen;
        Team team;
        Worker worker;
    }

    static final class S47 extends Rec {
        Child child;
        Referral referral;
        LocalDate strategyDate, start, end;
        String outcome; // ICPC NFA CIN
        Team team;
        Worker worker;
        Conference icpc;
        LocalDate misrecordedStrategy; // DATES_OUT_OF_ORDER: strategy date as typed, after the ICPC
    }

    static final class Conference extends Rec {
        Child child;
        S47 s47;
        Referral referral;
        Plan plan;          // for reviews: the plan reviewed; for initial conferences: the plan started
        String type;        // ICPC TRANSFER_IN REVIEW
        LocalDate due, date;
        boolean planResult;
    }

    static final class Plan extends Rec {
        Child child;
        Conference icpc;
        Referral referral;
        LocalDate start, end;
        String category, latestCategory, endReason;
        LocalDate nextReview, nextVisit;
        int reviewsHeld;
        boolean previousPlan;
        LocalDate previousPlanEnd;
    }

    static final class Note extends Rec {
        Child child;
        LocalDate date;
        String type;        // STVC STVL HVIS TEL GEN
        String subject;
        boolean seen, seenAlone;
        Worker worker;
        Plan plan;
        Period period;
        int linkId;         // FACT_CP_VISIT / FACT_CLA_VISIT id
    }

    static final class Period extends Rec {
        Child child;
        Referral referral;
        LocalDate start, end;
        String homePostcode;
        String endReason;  // E codes
        int need;
        final List<Placement> placements = new ArrayList<>();
        final List<Legal> legal = new ArrayList<>();
        final List<Episode> episodes = new ArrayList<>();
        LocalDate nextVisit, nextHealth, nextDental, nextLegalChange;
        String nextLegal;
        boolean shortBreak;
    }

    static final class Placement extends Rec {
        Period period;
        LocalDate start, end;
        String type;       // Care First local code
        String provider;   // PR code
        String postcode;
        double distance;   // < 0 unknown
        String changeReason;
    }

    static final class Legal extends Rec {
        Period period;
        LocalDate start, end;
        String code;       // C1 C2 E1 V2 V3 V4 L1 L2 J1
    }

    static final class Episode extends Rec {
        Period period;
        LocalDate start, end;
        String reason;     // S L P B
        String endReason;  // X1 or E code
        Legal legal;
        Placement placement;
    }

    static final class Health extends Rec {
        Child child;
        String type;       // IHA RHA DENTAL
        LocalDate due, date;
        String status;     // COMPLETED REFUSED OUTSTANDING
        boolean manualOnly, alsoManual;
    }

    static final class LeaverContact extends Rec {
        Child child;
        LocalDate date;
        String inTouch, accommodation, activity;
        boolean suitable;
    }

    static final class Caf extends Rec {
        Child child;
        LocalDate start, end;
        String leadAgency, endReason;
        int area;
        Team team;
    }

    static final class Allocation extends Rec {
        Child child;
        Worker worker;
        String role;       // CW 16PLUS KA
        LocalDate start, end;
        Referral referral;
    }

    record SicknessMonth(String month, String service, double fte, double daysLost) {}
}
