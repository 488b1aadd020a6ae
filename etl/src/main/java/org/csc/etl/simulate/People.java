package org.csc.etl.simulate;

import java.util.SplittableRandom;

/**
 * Names, postcodes and the coded choices workers make, drawn with realistic weights. Some names
 * carry accents because Care First's windows-1252 export must keep them.
 */
final class People {
    static final String[] SOURCES = {"Self", "Family member", "Acquaintance", "Other individual", "School",
            "Education services", "GP", "Health Visitor", "School Nurse", "Other primary health", "A & E", "Hospital",
            "LA Housing", "LA Social Care", "Other LA", "External LA", "Other LA services", "Police",
            "Other legal agency", "Other", "Anonymous", "Unknown"};
    static final String[] SOURCE_CODES = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
            "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"};
    static final int EXTERNAL_LA = 15;
    private static final double[] SOURCE_WEIGHTS = {2, 6, 1, 2, 17, 3, 4, 5, 2, 3, 3, 3, 3, 4, 2, 1, 2, 28, 2, 4, 2, 1};

    static final String[] NEEDS = {"Not stated", "Abuse or neglect", "Child's disability", "Parental illness or disability",
            "Family in acute stress", "Family dysfunction", "Socially unacceptable behaviour", "Low income",
            "Absent parenting", "Cases other than children in need"};
    private static final double[] NEED_WEIGHTS = {3, 50, 4, 3, 10, 18, 4, 1, 2, 5};

    static final String[] CP_CATEGORIES = {"Neglect", "Physical", "Emotional", "Sexual", "Multiple"};
    private static final double[] CP_WEIGHTS = {45, 11, 33, 4, 7};

    static final String[] ETHNICITY = {"White British", "White - British", "White Irish", "White Other", "Gypsy/Roma",
            "Mixed White & Black Caribbean", "Mixed White & Asian", "Mixed Other", "Asian Pakistani", "Asian Bangladeshi",
            "Asian Indian", "Black African", "Chinese", "Other Ethnic Group", "Not Given", "Refused"};
    private static final double[] ETHNICITY_WEIGHTS = {70, 12, 1, 3, 1, 2, 1, 1, 2, 2, 1, 1, 0.5, 0.5, 1.5, 0.5};

    private static final String[] GIRLS = {"Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Mia", "Poppy",
            "Ella", "Lily", "Evie", "Zoë", "Chloé", "Renée", "Jessica", "Ruby", "Daisy", "Freya", "Amélie", "Holly", "Leah"};
    private static final String[] BOYS = {"Oliver", "Jack", "Harry", "Jacob", "Charlie", "Thomas", "George", "Oscar",
            "James", "William", "Noah", "Alfie", "Joshua", "Muhammad", "José", "Leo", "Riley", "Kyle", "Liam", "Dylan",
            "Ethan", "Zoltán"};
    private static final String[] SURNAMES = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
            "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
            "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harrison", "Bell", "Müller", "Brontë", "O'Neill",
            "Dobson", "Atkinson", "Hutchinson", "Pearson", "Nowak", "Kowalczyk", "Núñez"};
    private static final String[] OUTCODES = {"", "DL1", "DL3", "DL2", "TS21"};

    private final SplittableRandom rnd;
    private int upn;

    People(SplittableRandom rnd) { this.rnd = rnd; }

    String forename(char gender) { return pick(gender == 'F' ? GIRLS : BOYS); }
    String surname() { return pick(SURNAMES); }
    String ethnicity() { return ETHNICITY[weighted(ETHNICITY_WEIGHTS)]; }
    int source() { return weighted(SOURCE_WEIGHTS); }
    int need() { return weighted(NEED_WEIGHTS); }
    String cpCategory() { return CP_CATEGORIES[weighted(CP_WEIGHTS)]; }

    String upn() {
        upn++;
        return String.format("A841%04d%05d", 2000 + upn % 20, upn);
    }

    /** Area 4 means somewhere outside the authority. */
    String postcode(int area) {
        String out = area == 4 ? pick(new String[]{"NE1", "TS1", "YO1", "LS6", "SR2"}) : OUTCODES[area];
        return out + " " + (1 + rnd.nextInt(9)) + (char) ('A' + rnd.nextInt(26)) + (char) ('A' + rnd.nextInt(26));
    }

    String placementType(double age) {
        double u = rnd.nextDouble();
        if (age >= 16 && u < 0.35) return "SEMI-IND";
        if (age < 5 && u < 0.08) return "FOST-ADOPT";
        u = rnd.nextDouble();
        if (u < 0.42) return "FOST-LA";
        if (u < 0.58) return "FOST-IFA";
        if (u < 0.72) return "FOST-REL";
        if (u < 0.78) return "FOST-LA-ST";
        if (u < 0.84) return "RES-PRIV";
        if (u < 0.88) return "RES-LA";
        if (u < 0.93) return "PLACED-PARENT";
        if (u < 0.95) return "RES-SCHOOL";
        if (u < 0.97) return "ADOPT-PLACED";
        if (u < 0.98) return "SECURE";
        return "OTHER";
    }

    String provider(String type) {
        return switch (type) {
            case "FOST-IFA", "RES-PRIV", "RES-SCHOOL" -> rnd.nextDouble() < 0.8 ? "PR4" : "PR3";
            case "PLACED-PARENT" -> "PR0";
            case "SECURE" -> "PR2";
            default -> rnd.nextDouble() < 0.9 ? "PR1" : "PR2";
        };
    }

    String changeReason() {
        return pick(new String[]{"CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "OTHER"});
    }

    String careEndReason(double age) {
        double u = rnd.nextDouble();
        if (u < 0.45) return "E4A";
        if (u < 0.58) return age < 8 ? "E11" : "E4A";
        if (u < 0.70) return "E45";
        if (u < 0.78) return "E41";
        if (u < 0.83) return "E3";
        if (u < 0.86 && age >= 12) return "E9";
        return "E8";
    }

    /** Chosen from the note's key rather than a random draw so the defect rate leaves names alone. */
    static String statVisitSubject(int noteId) {
        String[] s = {"stat visit", "Stat visit", "statutory visit", "STAT VISIT - home", "SV", "visit (statutory)"};
        return s[noteId % s.length];
    }

    /** Care First local accommodation text. */
    String leaverAccommodation() {
        return pick(new String[]{"With parents", "Community home", "Semi-independent", "Supported lodgings",
                "Foster care (staying put)", "Independent living", "Independent living", "Independent living",
                "Bed and breakfast", "In custody", "No fixed abode", "Other"});
    }

    String leaverActivity() {
        double u = rnd.nextDouble();
        if (u < 0.33) return pick(new String[]{"NEET - illness or disability", "NEET - pregnancy or parenting", "NEET - other", "NEET - other"});
        return pick(new String[]{"Higher education", "Full time education", "Part time education", "Full time employment",
                "Part time employment", "Training"});
    }

    String leadAgency() {
        return pick(new String[]{"School", "School", "School", "Health", "Health", "Early Years", "Youth Service", "Social Care", "Other"});
    }

    private String pick(String[] a) { return a[rnd.nextInt(a.length)]; }

    private int weighted(double[] weights) {
        double total = 0;
        for (double x : weights) total += x;
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.length - 1;
    }
}
