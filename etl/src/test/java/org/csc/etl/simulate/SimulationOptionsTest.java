package org.csc.etl.simulate;

import org.csc.warehouse.errors.CscException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationOptionsTest {
    @TempDir Path tmp;

    @Test
    void defaultsAreTheDocumentedScenario() {
        SimulationOptions o = SimulationOptions.defaults(tmp);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.from()).isEqualTo(LocalDate.of(2013, 4, 1));
        assertThat(o.to()).isEqualTo(LocalDate.of(2017, 3, 31));
        assertThat(o.goLive()).isEqualTo(LocalDate.of(2016, 4, 1));
        assertThat(o.scale()).isEqualTo(1);
        assertThat(o.deltaEveryDays()).isEqualTo(1);
        assertThat(o.defectRate()).isEqualTo(0.02);
    }

    @Test
    void badArgumentsAreExplainedThroughErrors() {
        SimulationOptions o = SimulationOptions.defaults(tmp);
        assertThatThrownBy(() -> o.withScale(0)).isInstanceOf(CscException.class).hasMessageContaining("Scale 0");
        assertThatThrownBy(() -> o.withWindow(o.to(), o.from(), o.goLive())).isInstanceOf(CscException.class);
        assertThatThrownBy(() -> o.withWindow(o.from(), o.to(), LocalDate.of(2020, 1, 1))).isInstanceOf(CscException.class);
        assertThatThrownBy(() -> new SimulationOptions(tmp, 1, o.from(), o.to(), o.goLive(), 1, 0, 0.02)).isInstanceOf(CscException.class);
        assertThatThrownBy(() -> new SimulationOptions(tmp, 1, o.from(), o.to(), o.goLive(), 1, 1, 0.9)).isInstanceOf(CscException.class);
    }

    @Test
    void refusesToWriteIntoANonEmptyDirectory() throws Exception {
        Files.writeString(tmp.resolve("old.csv"), "x");
        assertThatThrownBy(() -> Simulator.run(SimulationOptions.defaults(tmp), SimulationFixture.config()))
                .isInstanceOf(CscException.class).hasMessageContaining("not empty");
    }

    @Test
    void noDefectsAtRateZero() throws Exception {
        SimulationOptions o = new SimulationOptions(tmp.resolve("clean"), 3, LocalDate.of(2016, 1, 1), LocalDate.of(2016, 5, 31),
                LocalDate.of(2016, 4, 1), 1, 7, 0);
        SimulationSummary s = Simulator.run(o, SimulationFixture.config());
        assertThat(s.rows()).isPositive();
        // Nothing is injected; what may remain are links to referrals entered after the last extract,
        // which are orphans in the delivered data whatever the defect rate.
        assertThat(Files.readAllLines(tmp.resolve("clean/_truth/defects.csv")).stream().skip(1))
                .allMatch(l -> l.startsWith("ORPHAN_LINK,") && l.contains("entered after the last"));
    }
}
