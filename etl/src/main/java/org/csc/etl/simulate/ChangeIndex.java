package org.csc.etl.simulate;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which records of a list were entered, ended or corrected in a time range, without scanning the
 * whole list for every DELTA drop (a year of daily deltas would otherwise read every record 365
 * times). Results keep list order so the drop's rows do not depend on the index.
 */
final class ChangeIndex<T extends World.Rec> {
    private final List<T> items;
    private final long[] times;   // change time, seconds
    private final int[] index;    // item position, sorted with times

    ChangeIndex(List<T> items) {
        this.items = items;
        int n = 0;
        for (T r : items) n += (r.recorded != null ? 1 : 0) + (r.endRecorded != null ? 1 : 0) + (r.updated != null ? 1 : 0);
        long[] keyed = new long[n];
        int k = 0;
        for (int i = 0; i < items.size(); i++) {
            T r = items.get(i);
            for (LocalDateTime t : new LocalDateTime[]{r.recorded, r.endRecorded, r.updated}) {
                if (t != null) keyed[k++] = (t.toEpochSecond(ZoneOffset.UTC) << 24) | i;
            }
        }
        if (items.size() >= (1 << 24)) throw new IllegalStateException("too many records for the change index");
        Arrays.sort(keyed);
        times = new long[n];
        index = new int[n];
        for (int j = 0; j < n; j++) {
            times[j] = keyed[j] >>> 24;
            index[j] = (int) (keyed[j] & ((1 << 24) - 1));
        }
    }

    /** Records with a change in [from, cut), in list order. */
    List<T> changed(LocalDateTime from, LocalDateTime cut) {
        long lo = from.toEpochSecond(ZoneOffset.UTC), hi = cut.toEpochSecond(ZoneOffset.UTC);
        int start = Arrays.binarySearch(times, lo);
        if (start < 0) start = -start - 1;
        while (start > 0 && times[start - 1] >= lo) start--;
        BitSet hits = new BitSet(items.size());
        for (int j = start; j < times.length && times[j] < hi; j++) hits.set(index[j]);
        List<T> out = new ArrayList<>(hits.cardinality());
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) out.add(items.get(i));
        return out;
    }
}
