package org.csc.cubes.bench;

import org.csc.warehouse.errors.CscException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildNightlyTest {
    // Lines as a nightly prints them (from a scale-10 night), trimmed: the manual files' counts come
    // earlier in the same format and are not rows received from drops.
    private static final List<String> NIGHT = List.of(
            "nightly run-20261126T153607.851Z: landing /l, lake /k, out /o",
            "[extract] 1 new drop(s): liquidlogic/2017-04-02",
            "  manual/icpc_tracker.csv                                6480       6480            0",
            "  hr/sickness.csv                                         144        144            0",
            "[conform] 28 tables: map_child, dim_child",
            "[cubes] 35 indicators, 2013-04 to 2017-04: 21970 kpi_values rows",
            "  file (all drops this run)                          received     loaded  quarantined",
            "  liquidlogic/DIM_PERSON.csv                              174        174            0",
            "  liquidlogic/FACT_HEALTH_CHECK.csv                         5          3            2",
            "  liquidlogic/FACT_REFERRALS.csv                          113        113            0",
            "Spark jobs: 1552 {extract=124, conform=910, audit=220, cubes+publish=298}",
            "CPU: 533.4 s in the process; Spark tasks 224.0 s {extract=21.0, conform=91.0, audit=65.0, cubes+publish=47.0},"
                    + " JIT compiler 120.2 s, garbage collection 20.5 s",
            "Done in 288.6 s {start=2659, extract=37428, conform=102339, audit=63982, cubes+publish=82185, total=288599}");

    @Test
    void readsTheFiguresANightlyPrints() {
        ChildNightly.Result r = ChildNightly.parse(NIGHT, 7300);
        assertEquals(Map.of("start", 2659L, "extract", 37428L, "conform", 102339L, "audit", 63982L, "cubes+publish", 82185L,
                "total", 288599L), r.stageMillis());
        assertEquals(List.of("start", "extract", "conform", "audit", "cubes+publish", "total"), List.copyOf(r.stageMillis().keySet()));
        assertEquals(174 + 5 + 113, r.received());
        assertEquals(21970, r.kpiRows());
        assertEquals(1552, r.sparkJobs());
        assertEquals(7300, r.peakRssMb());
        assertEquals(533_400, r.processCpuMillis());
        assertEquals(224_000, r.taskCpuMillis());
    }

    @Test
    void aLogFromBeforeTheCpuLineReadsAsNoCpu() {
        ChildNightly.Result r = ChildNightly.parse(NIGHT.stream().filter(l -> !l.startsWith("CPU: ")).toList(), 0);
        assertEquals(0, r.processCpuMillis());
        assertEquals(0, r.taskCpuMillis());
        assertEquals(1552, r.sparkJobs());
    }

    @Test
    void aRunThatNeverFinishedIsAnErrorNotZeroSeconds() {
        CscException e = assertThrows(CscException.class, () -> ChildNightly.parse(NIGHT.subList(0, 11), 0));
        assertTrue(e.getMessage().contains("no \"Done in\" line"), e.getMessage());
    }

    @Test
    void theChildIsThisJvmWithTheGivenArguments() {
        List<String> cmd = ChildNightly.command(List.of("-Dlake.dir=/k", "nightly"));
        assertTrue(cmd.get(0).endsWith("/bin/java"), cmd.get(0));
        int cp = cmd.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
        assertEquals(List.of("org.csc.cubes.cli.Csc", "-Dlake.dir=/k", "nightly"), cmd.subList(cp + 2, cmd.size()));
    }
}
