package org.csc.etl.quality;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.etl.testing.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the catalog on the hand-built fixture (DqFixture): the records listed as "fails"
 * must be findings of that rule, the ones listed as "passes" must not. One Spark pass evaluates
 * the whole catalog (as the nightly does); the parameterised test then checks each rule.
 */
class RuleCatalogTest {
    @TempDir static Path tmp;
    static SparkSession spark;
    static WarehouseConfig config;
    static DqRunner.Evaluation evaluation;
    static final Map<String, Set<String>> failed = new HashMap<>();
    static final Map<String, Set<String>> checked = new HashMap<>();

    /** rule -> {keys that must fail, keys that must pass}; comma-separated record keys. */
    static final Map<String, String[]> EXPECT = Map.ofEntries(
            Map.entry("CMP01", new String[]{"102", "101"}), Map.entry("CMP02", new String[]{"1102", "1101,1104"}),
            Map.entry("CMP03", new String[]{"202", "201"}), Map.entry("CMP04", new String[]{"1202", "1201"}),
            Map.entry("CMP05", new String[]{"2", "1"}), Map.entry("CMP06", new String[]{"33", "32"}),
            Map.entry("CMP07", new String[]{"302", "301"}), Map.entry("CMP08", new String[]{"802", "801"}),
            Map.entry("CMP09", new String[]{"802", "801,1801"}),
            Map.entry("VAL01", new String[]{"202", "201"}), Map.entry("VAL02", new String[]{"1202", "1201"}),
            Map.entry("VAL03", new String[]{"802", "801"}), Map.entry("VAL04", new String[]{"1802", "1801"}),
            Map.entry("VAL05", new String[]{"1902", "1901"}), Map.entry("VAL06", new String[]{"803", "801,802"}),
            Map.entry("VAL07", new String[]{"1802", "1801"}), Map.entry("VAL08", new String[]{"2", "1"}),
            Map.entry("VAL09", new String[]{"33", "32"}), Map.entry("VAL10", new String[]{"104", "101"}),
            Map.entry("VAL11", new String[]{"r2", "201"}), Map.entry("VAL12", new String[]{"p2", "p1"}),
            Map.entry("TIM01", new String[]{"102,1102", "101,1101"}), Map.entry("TIM02", new String[]{"202", "201"}),
            Map.entry("TIM03", new String[]{"302", "301,1301"}), Map.entry("TIM04", new String[]{"402", "401,1501"}),
            Map.entry("TIM05", new String[]{"602", "601,1701"}), Map.entry("TIM06", new String[]{"702", "701,2201"}),
            Map.entry("CON01", new String[]{"402,1403", "401,1401"}), Map.entry("CON02", new String[]{"902,2002", "901,2001"}),
            Map.entry("CON03", new String[]{"802,1902", "801,1901"}), Map.entry("CON04", new String[]{"cp2", "cp1"}),
            Map.entry("CON05", new String[]{"p3", "p1"}), Map.entry("CON06", new String[]{"a2", "a1"}),
            Map.entry("CON07", new String[]{"cp3,cp4", "cp1"}), Map.entry("CON08", new String[]{"p4,p5", "p1"}),
            Map.entry("CON09", new String[]{"cp2", "cp1"}), Map.entry("CON10", new String[]{"p2", "p1"}),
            Map.entry("CON11", new String[]{"p2", "p1"}), Map.entry("CON12", new String[]{"p2", "p1"}),
            Map.entry("UNQ01", new String[]{"3", "1"}), Map.entry("UNQ02", new String[]{"34", "32"}),
            Map.entry("UNQ03", new String[]{"5", "4"}), Map.entry("UNQ04", new String[]{"36", "32"}),
            Map.entry("UNQ05", new String[]{"35", "32,37"}), Map.entry("UNQ06", new String[]{"37", "32,35"}),
            Map.entry("INT01", new String[]{"1102", "1101"}), Map.entry("INT02", new String[]{"302,1302", "301,1301"}),
            Map.entry("INT03", new String[]{"103", "101"}), Map.entry("INT04", new String[]{"103", "101"}),
            Map.entry("INT05", new String[]{"1103", "1101"}), Map.entry("INT06", new String[]{"1103", "1101"}),
            Map.entry("CNF01", new String[]{"102", "101"}), Map.entry("CNF02", new String[]{"103", "101"}),
            Map.entry("CNF03", new String[]{"12", "11"}), Map.entry("CNF04", new String[]{"2", "1"}),
            Map.entry("CNF05", new String[]{"1703", "1701"}), Map.entry("CNF06", new String[]{"602", "601"}),
            Map.entry("CNF07", new String[]{"1702", "1701,1703"}),
            Map.entry("REC01", new String[]{"CONTACTS|2015-05", "CASE_NOTES|2015-06"}),
            Map.entry("REC02", new String[]{"1|15/07/2015,LL32|16/05/2016", "1|24/06/2015,1|05/08/2015"}),
            Map.entry("REC03", new String[]{"1|15/07/2015", "1|24/06/2015"}), Map.entry("REC04", new String[]{"c3", "c1,c2"}),
            Map.entry("REC05", new String[]{"1|05/08/2015", "1|24/06/2015"}),
            Map.entry("REC06", new String[]{"1|02/02/2015", "1|01/05/2015,LL32|01/06/2016"}),
            Map.entry("REC07", new String[]{"2", "1"}));

    @BeforeAll
    static void evaluateOnce() throws Exception {
        config = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build();
        spark = TestSpark.session();
        // Tiny fixture: one partition per shuffle keeps the catalog's single pass from spawning hundreds of tasks.
        TinyData.apply(spark);
        DqFixture.register(spark, tmp.resolve("landing"));
        evaluation = DqRunner.evaluate(spark, config, null, DqFixture.SYSTEMS, RuleCatalog.ALL);
        List<Row> rows = evaluation.population().select("rule", "record_key", "failed").collectAsList();
        for (Row r : rows) {
            checked.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
            if (r.getBoolean(2)) failed.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
        }
    }

    @Test
    void theCatalogHasAtLeastFortyRulesAcrossEveryDimensionEachWithAnExpectation() {
        assertThat(RuleCatalog.ALL).hasSizeGreaterThanOrEqualTo(40);
        Map<DqDimension, Long> byDim = new EnumMap<>(DqDimension.class);
        RuleCatalog.ALL.forEach(r -> byDim.merge(r.dimension(), 1L, Long::sum));
        assertThat(byDim.keySet()).containsExactlyInAnyOrder(DqDimension.values());
        assertThat(RuleCatalog.ALL.stream().map(DqRule::code)).doesNotHaveDuplicates();
        assertThat(EXPECT.keySet()).containsExactlyInAnyOrderElementsOf(RuleCatalog.ALL.stream().map(DqRule::code).toList());
        assertThat(RuleCatalog.ALL).allSatisfy(r -> {
            assertThat(r.description()).isNotBlank();
            assertThat(r.fix()).isNotBlank();
        });
    }

    @Test
    void everyRuleRanOnTheFixture() {
        assertThat(evaluation.skipped()).isEmpty();
        assertThat(evaluation.ran()).hasSize(RuleCatalog.ALL.size());
    }

    @AfterAll
    static void restore() {
        TinyData.restore(spark);
        DqFixture.dropTempViews(spark);
    }

    static Stream<Arguments> rules() {
        return RuleCatalog.ALL.stream().map(r -> Arguments.of(r.code()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void firesOnItsBadRecordAndNotOnItsGoodOne(String code) {
        String[] e = EXPECT.get(code);
        assertThat(e).as("expectation for " + code).isNotNull();
        List<String> bad = Arrays.asList(e[0].split(","));
        List<String> good = Arrays.asList(e[1].split(","));
        Set<String> f = failed.getOrDefault(code, Set.of());
        assertThat(f).as(code + " findings").containsAll(bad);
        assertThat(f).as(code + " findings").doesNotContainAnyElementsOf(good);
        assertThat(checked.getOrDefault(code, Set.of())).as(code + " checked").containsAll(bad);
    }

    @Test
    void noRuleQueryLeaksANameOrDateOfBirthIntoDetail() {
        List<String> details = evaluation.population().where("detail IS NOT NULL").select("detail").distinct()
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        assertThat(details).noneMatch(d -> d.contains("Smith") || d.contains("Jones") || d.contains("2010-01-01") || d.contains("DL1"));
    }

    static Lake lake() {
        return new Lake(spark, tmp.resolve("lake"));
    }
}
