package org.csc.etl.quality;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Recall and precision per defect class on a hand-made truth file and findings. */
class TruthComparisonTest {
    @TempDir Path tmp;

    @Test
    void countsFoundInjectedAndFindingsNotInjectedPerClass() throws Exception {
        Path truth = Files.createDirectories(tmp.resolve("_truth"));
        Files.writeString(truth.resolve("defects.csv"), """
                class,system,table,primary_key,detail
                MISSING_MANDATORY,carefirst,CONTACTS,102,contact source blank
                MISSING_MANDATORY,liquidlogic,FACT_REFERRALS,1202,referral source blank
                LATE_RECORDING,carefirst,CONTACTS,102,entered 63 days after
                LATE_RECORDING,liquidlogic,FACT_CONTACTS,1102,entered 60 days after
                ICPC_LOG_WRONG_YN,manual,icpc_tracker,1|15/07/2015,log says Y
                """);
        List<String[]> findings = List.of(
                new String[]{"CMP01", "carefirst", "CONTACTS", "102"},
                new String[]{"CMP04", "liquidlogic", "FACT_REFERRALS", "1202"},
                new String[]{"TIM01", "carefirst", "CONTACTS", "102"},
                new String[]{"TIM01", "liquidlogic", "FACT_CONTACTS", "7777"},       // not injected
                new String[]{"REC02", "manual", "icpc_tracker", "1|15/07/2015"},
                new String[]{"REC02", "manual", "icpc_tracker", "1|15/07/2015"},     // same record twice counts once
                new String[]{"CMP07", "carefirst", "ASSESSMENTS", "302"});           // rule with no defect class: ignored
        var scores = TruthComparison.compare(TruthComparison.readTruth(truth), findings, RuleCatalog.ALL);
        var late = scores.stream().filter(s -> s.defectClass().equals("LATE_RECORDING")).findFirst().orElseThrow();
        assertThat(late.injected()).isEqualTo(2);
        assertThat(late.found()).isEqualTo(1);
        assertThat(late.findings()).isEqualTo(2);
        assertThat(late.notInjected()).isEqualTo(1);
        assertThat(late.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(late.precision()).isCloseTo(0.5, within(1e-9));
        var missing = scores.stream().filter(s -> s.defectClass().equals("MISSING_MANDATORY")).findFirst().orElseThrow();
        assertThat(missing.recall()).isEqualTo(1.0);
        assertThat(missing.precision()).isEqualTo(1.0);
        var icpc = scores.stream().filter(s -> s.defectClass().equals("ICPC_LOG_WRONG_YN")).findFirst().orElseThrow();
        assertThat(icpc.found()).isEqualTo(1);
        assertThat(icpc.findings()).isEqualTo(1);
        // Every class some rule detects is listed, also when nothing was injected.
        assertThat(scores).anyMatch(s -> s.defectClass().equals("DENTAL_ONLY_IN_MANUAL_LOG") && s.injected() == 0);
        String table = TruthComparison.format(scores);
        assertThat(table).contains("LATE_RECORDING", "0.500").doesNotContain("7777");
    }

    @Test
    void everyDefectClassOfTheSimulatorHasARuleThatDetectsIt() {
        List<String> classes = List.of("LATE_RECORDING", "STAT_VISIT_AS_CASE_NOTE", "MISSING_MANDATORY", "INVALID_CODE", "DATES_OUT_OF_ORDER",
                "DUPLICATE_PERSON", "MINUS_ONE_LINK", "ORPHAN_LINK", "TEAM_NAME_VARIANT", "PLACEHOLDER_POSTCODE", "DISTANCE_NOT_NUMERIC",
                "UNPARSEABLE_VALUE", "ICPC_LOG_WRONG_YN", "DENTAL_ONLY_IN_MANUAL_LOG", "MIGRATED_WITHOUT_LEGACY_ID");
        assertThat(RuleCatalog.ALL.stream().map(DqRule::detects).filter(java.util.Objects::nonNull).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(classes);
    }
}
