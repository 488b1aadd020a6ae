package org.csc.etl.simulate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DeterminismTest {
    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
        Map<String, String> first = digests(SimulationFixture.shortRun());
        Map<String, String> again = digests(SimulationFixture.run("short-42-again", SimulationFixture.shortWindow(42)));
        Map<String, String> other = digests(SimulationFixture.run("short-7", SimulationFixture.shortWindow(7)));

        assertThat(first).hasSizeGreaterThan(100);
        assertThat(again).isEqualTo(first);
        assertThat(other.keySet()).containsAll(first.keySet().stream().filter(k -> k.startsWith("carefirst")).toList());
        long differing = first.entrySet().stream().filter(e -> !e.getValue().equals(other.get(e.getKey()))).count();
        assertThat(differing).as("files that differ between seeds 42 and 7").isGreaterThan(first.size() / 2);
    }

    @Test
    void theTruthDoesNotDependOnTheDeltaCadence() throws Exception {
        SimulationOptions s = SimulationFixture.shortWindow(42);
        Path weekly = SimulationFixture.run("short-42-weekly",
                new SimulationOptions(s.out(), s.seed(), s.from(), s.to(), s.goLive(), s.scale(), 7, s.defectRate()));
        Map<String, String> daily = digests(SimulationFixture.shortRun().resolve(Simulator.TRUTH_DIR));
        daily.remove("scenario.csv"); // records the cadence itself
        Map<String, String> weeklyTruth = digests(weekly.resolve(Simulator.TRUTH_DIR));
        weeklyTruth.remove("scenario.csv");
        assertThat(weeklyTruth).isEqualTo(daily);
        assertThat(digests(weekly.resolve("carefirst"))).isEqualTo(digests(SimulationFixture.shortRun().resolve("carefirst")));
    }

    @Test
    void theTrueKpisDoNotDependOnTheDefectRate() throws Exception {
        SimulationOptions s = SimulationFixture.shortWindow(42);
        Path clean = SimulationFixture.run("short-42-clean",
                new SimulationOptions(s.out(), s.seed(), s.from(), s.to(), s.goLive(), s.scale(), 7, 0));
        assertThat(Files.readAllBytes(clean.resolve("_truth/kpi_truth.csv")))
                .isEqualTo(Files.readAllBytes(SimulationFixture.shortRun().resolve("_truth/kpi_truth.csv")));
    }

    /** Relative path -> sha256 of every file, the ground truth included. */
    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                try {
                    out.put(root.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
