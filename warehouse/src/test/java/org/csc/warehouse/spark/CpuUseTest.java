package org.csc.warehouse.spark;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuUseTest {
    @Test
    void theLineANightlyPrintsReadsBackAsProcessAndTaskCpu() {
        Map<String, Long> byStage = new LinkedHashMap<>();
        byStage.put("extract", 21_040L);
        byStage.put("conform", 90_960L);
        CpuUse cpu = new CpuUse(533_449L, 112_000L, byStage, 120_160L, 20_500L);
        assertThat(cpu.line()).isEqualTo("CPU: 533.4 s in the process; Spark tasks 112.0 s {extract=21.0, conform=91.0},"
                + " JIT compiler 120.2 s, garbage collection 20.5 s");
        assertThat(CpuUse.parse(cpu.line())).containsExactly(533_400L, 112_000L);
        assertThat(CpuUse.parse("Spark jobs: 489 {extract=76}")).isNull();
    }

    @Test
    void thisProcessHasUsedCpuAndItOnlyGrows() {
        CpuUse before = CpuUse.now(0, Map.of());
        long spin = 0;
        for (int i = 0; i < 50_000_000; i++) spin += i % 7;
        CpuUse after = CpuUse.now(0, Map.of());
        assertThat(spin).isPositive();
        assertThat(before.processMillis()).isPositive();
        assertThat(after.processMillis()).isGreaterThanOrEqualTo(before.processMillis());
        assertThat(after.compilerMillis()).isGreaterThanOrEqualTo(before.compilerMillis());
    }

    @Test
    void onLinuxTheCompilerThreadsCpuIsReadFromProc() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        long spin = 0;
        for (int i = 0; i < 50_000_000; i++) spin += i % 7; // hot enough for the JIT to compile
        assertThat(spin).isPositive();
        assertThat(CpuUse.threadCpuMillis()).containsKey("compiler").allSatisfy((k, v) -> assertThat(v).isNotNegative());
        assertThat(CpuUse.threadCpuMillis().get("compiler")).isPositive();
    }
}
