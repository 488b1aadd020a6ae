package org.csc.etl.quality;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class StratifiedSampleTest {
    static final Function<StratifiedSample.Case, StratifiedSample.Case> ID = c -> c;

    static List<StratifiedSample.Case> cohort() {
        List<StratifiedSample.Case> l = new ArrayList<>();
        for (int i = 0; i < 60; i++) l.add(new StratifiedSample.Case("Locality Team 1", "a" + i));
        for (int i = 0; i < 30; i++) l.add(new StratifiedSample.Case("Locality Team 2", "b" + i));
        for (int i = 0; i < 9; i++) l.add(new StratifiedSample.Case("Locality Team 3", "c" + i));
        l.add(new StratifiedSample.Case("UNKNOWN", "d0"));
        return l;
    }

    @Test
    void sharesFollowTeamSizesAndEveryTeamIsRepresented() {
        List<StratifiedSample.Case> s = StratifiedSample.draw(cohort(), ID, 20, 7);
        assertThat(s).hasSize(20).doesNotHaveDuplicates();
        Map<String, Long> byTeam = s.stream().collect(Collectors.groupingBy(StratifiedSample.Case::team, Collectors.counting()));
        assertThat(byTeam).containsOnlyKeys("Locality Team 1", "Locality Team 2", "Locality Team 3", "UNKNOWN");
        assertThat(byTeam.get("Locality Team 1")).isBetween(11L, 12L);
        assertThat(byTeam.get("Locality Team 2")).isBetween(5L, 6L);
    }

    @Test
    void theSameSeedGivesTheSameCasesWhateverTheInputOrder() {
        List<StratifiedSample.Case> c = cohort();
        List<StratifiedSample.Case> reversed = new ArrayList<>(c);
        java.util.Collections.reverse(reversed);
        assertThat(StratifiedSample.draw(reversed, ID, 20, 42)).containsExactlyElementsOf(StratifiedSample.draw(c, ID, 20, 42));
        assertThat(StratifiedSample.draw(c, ID, 20, 43)).isNotEqualTo(StratifiedSample.draw(c, ID, 20, 42));
    }

    @Test
    void aSmallCohortIsTakenWhole() {
        List<StratifiedSample.Case> c = cohort().subList(95, 100);
        assertThat(StratifiedSample.draw(c, ID, 20, 1)).hasSize(5);
        assertThat(StratifiedSample.draw(List.<StratifiedSample.Case>of(), ID, 20, 1)).isEmpty();
    }
}
