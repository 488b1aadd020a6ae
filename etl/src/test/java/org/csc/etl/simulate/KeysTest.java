package org.csc.etl.simulate;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Derived key spaces stay apart for any record id (sharded worlds number into the hundreds of millions), and small worlds keep their keys. */
class KeysTest {
    @Test
    void meetingKeysNeverCollideUpToScale100Ids() {
        Set<Long> meetings = new HashSet<>();
        // a strategy meeting and a conference meeting whose ids differ by the old 500,000 gap collided
        for (int id = 0; id < 1_500_000_000; id += 99_991) {
            assertThat(meetings.add(Keys.strategyMeeting(id))).as("strategy meeting " + id).isTrue();
            if (id >= 500_000) assertThat(meetings.add(Keys.conferenceMeeting(id - 500_000))).as("conference meeting " + (id - 500_000)).isTrue();
        }
        assertThat(Keys.strategyMeeting(1_000_000)).isNotEqualTo(Keys.conferenceMeeting(500_000));
    }

    @Test
    void anOrphanLinkNeverPointsAtARealRecord() {
        int maxId = Integer.MAX_VALUE;
        for (int id : new int[]{0, 499_999, 500_000, 7_000_000, 1_100_000_000, maxId}) {
            long orphan = Keys.orphan(id);
            boolean isCareFirstRecord = orphan >= Keys.cf(0) && orphan <= Keys.cf(maxId);
            boolean isLiquidLogicRecord = orphan >= Keys.ll(0) && orphan <= Keys.ll(maxId);
            if (id >= Keys.SMALL) assertThat(isCareFirstRecord || isLiquidLogicRecord).as("orphan of " + id).isFalse();
        }
    }

    @Test
    void smallWorldsKeepTheirKeys() {
        assertThat(Keys.strategyMeeting(1234)).isEqualTo(4_001_234L);
        assertThat(Keys.conferenceMeeting(1234)).isEqualTo(4_501_234L);
        assertThat(Keys.form(1234)).isEqualTo(6_001_234L);
        assertThat(Keys.orphan(1234)).isEqualTo(9_901_234L);
    }
}
