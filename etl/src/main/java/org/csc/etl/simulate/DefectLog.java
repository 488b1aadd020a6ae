package org.csc.etl.simulate;

import java.util.ArrayList;
import java.util.List;

/** Every injected defect, with the key under which it can be found in the landing files. */
final class DefectLog {
    record Entry(DefectClass defect, String system, String table, String primaryKey, String detail) {}

    private final List<Entry> entries = new ArrayList<>();

    void add(DefectClass c, String system, String table, Object key, String detail) {
        entries.add(new Entry(c, system, table, String.valueOf(key), detail));
    }

    List<Entry> entries() { return entries; }
}
