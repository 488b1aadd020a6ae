package org.csc.etl.simulate;

/**
 * Primary keys as the two systems print them. Care First numbers records from 100000, Liquid
 * Logic from 3000000, so a key never means the same thing in both; a migrated record gets a new
 * Liquid Logic key and keeps its Care First one as LEGACY_ID.
 */
final class Keys {
    private Keys() {}

    static long cf(int id) { return 100_000L + id; }
    static long ll(int id) { return 3_000_000L + id; }
    /** FACT_MEETINGS holds strategy discussions, conferences and reviews in one key space. */
    static long strategyMeeting(int s47Id) { return 4_000_000L + s47Id; }
    static long conferenceMeeting(int conferenceId) { return 4_500_000L + conferenceId; }
    static long form(int assessmentId) { return 6_000_000L + assessmentId; }
    static long orphan(int id) { return 9_900_000L + id; }
}
