package org.csc.warehouse.lake;

import org.csc.warehouse.errors.CscException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LakeLockTest {
    @TempDir Path tmp;

    @Test
    void theLockFileSitsBesideTheLakeSoARebuildCannotDeleteIt() {
        assertThat(LakeLock.file(tmp.resolve("lake"))).isEqualTo(tmp.resolve("lake.lock"));
    }

    @Test
    void aSecondRunInThisProcessIsRefusedNamingTheFirstUntilItReleases() {
        Path lake = tmp.resolve("lake");
        try (LakeLock first = LakeLock.acquire(lake, "run-A")) {
            assertThatThrownBy(() -> LakeLock.acquire(lake, "run-B")).isInstanceOf(CscException.class)
                    .hasMessageContaining("Another run is writing the lake").hasMessageContaining("run-A");
        }
        try (LakeLock again = LakeLock.acquire(lake, "run-B")) {
            assertThat(LakeLock.file(lake)).content().startsWith("run-B (pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedAndFreedWhenThatProcessIsKilled() throws Exception {
        Path lake = tmp.resolve("lake");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LakeLockHolder.class.getName(),
                lake.toString(), "run-other").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            assertThatThrownBy(() -> LakeLock.acquire(lake, "run-mine")).isInstanceOf(CscException.class)
                    .hasMessageContaining("run-other (pid " + holder.pid());
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // Killed without releasing: the operating system dropped its lock, no stale lock to clear.
        try (LakeLock mine = LakeLock.acquire(lake, "run-mine")) {
            assertThat(Files.readString(LakeLock.file(lake))).startsWith("run-mine");
        }
    }
}
