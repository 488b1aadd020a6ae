package org.csc.etl.simulate;

/**
 * Primary keys as the two systems print them. Care First numbers records from 100000, Liquid
 * Logic from 3000000, so a key never means the same thing in both; a migrated record gets a new
 * Liquid Logic key and keeps its Care First one as LEGACY_ID.
 *
 * <p>The derived key spaces (meetings, forms, orphan links) sit at fixed offsets that are only
 * far enough apart for the record ids of a scale-1 or scale-2 world (up to about 300,000). Larger
 * worlds (scale 10: ids beyond 1.4 million) would make a strategy meeting and a conference
 * meeting share a FACT_MEETINGS key, and an "orphan" link point at a real record, so ids from
 * {@link #SMALL} on use ranges of their own, 10^10 apart (record ids are ints, so they never meet;
 * the warehouse reads ID columns as 64-bit). Keys of small worlds stay as they were.
 */
final class Keys {
    private Keys() {}

    static final int SMALL = 500_000;

    static long cf(int id) { return 100_000L + id; }
    static long ll(int id) { return 3_000_000L + id; }
    /** FACT_MEETINGS holds strategy discussions, conferences and reviews in one key space. */
    static long strategyMeeting(int s47Id) { return s47Id < SMALL ? 4_000_000L + s47Id : 10_000_000_000L + s47Id; }
    static long conferenceMeeting(int conferenceId) { return conferenceId < SMALL ? 4_500_000L + conferenceId : 20_000_000_000L + conferenceId; }
    static long form(int assessmentId) { return assessmentId < SMALL ? 6_000_000L + assessmentId : 30_000_000_000L + assessmentId; }
    /** A link to a record that does not exist in either system. */
    static long orphan(int id) { return id < SMALL ? 9_900_000L + id : 90_000_000_000L + id; }
}
