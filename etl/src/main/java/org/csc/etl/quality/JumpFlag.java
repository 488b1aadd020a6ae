package org.csc.etl.quality;

/** When a rule's failures "jump": more than factor x the previous run's, and at least min (a rise from 1 to 3 is noise). */
public final class JumpFlag {
    private JumpFlag() {}

    public static boolean jumped(long failed, Long previous, double factor, long min) {
        if (failed < min) return false;
        if (previous == null) return false; // first run of the rule: nothing to compare with
        return failed > factor * previous;
    }
}
