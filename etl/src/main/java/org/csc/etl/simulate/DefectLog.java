package org.csc.etl.simulate;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Every injected defect, with the key under which it can be found in the landing files. */
final class DefectLog {
    /** {@code entered} is when the defective record reached a system; null for the manual logs. */
    record Entry(DefectClass defect, String system, String table, String primaryKey, String detail, LocalDateTime entered) {}

    private final List<Entry> entries = new ArrayList<>();

    void add(DefectClass c, String system, String table, Object key, String detail) {
        add(c, system, table, key, detail, null);
    }

    void add(DefectClass c, String system, String table, Object key, String detail, LocalDateTime entered) {
        entries.add(new Entry(c, system, table, String.valueOf(key), detail, entered));
    }

    /** Defects on records entered after the last extract never reached a drop, so nothing can find them. */
    List<Entry> delivered(LocalDateTime lastExtract) {
        return entries.stream().filter(e -> e.entered() == null || e.entered().isBefore(lastExtract)).toList();
    }

    List<Entry> entries() { return entries; }
}
