package org.csc.cubes.verify;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hand-built truth and restricted output where each difference has one known cause: an event
 * recorded after the last extract, a statutory visit typed as a case note (a defect on another
 * record of the same child), a published member no true event has, and a plan whose only defect
 * (a team-name variant) cannot move the figure, so it stays unexplained, as does a dental figure whose
 * child's only defect is a visit typed as a case note.
 */
class TruthExplanationTest {
    @TempDir static Path tmp;
    static TruthExplanation.Result result;
    static List<String> listing;

    @BeforeAll
    static void explain() throws Exception {
        Path truth = tmp.resolve("_truth");
        Files.createDirectories(truth);
        Files.writeString(truth.resolve("scenario.csv"), """
                key,value
                from,2016-01-01
                to,2016-12-31
                last_extract,2016-12-31T01:30
                """);
        Files.writeString(truth.resolve("events.csv"), """
                true_child_id,event_type,event_id,start_date,end_date,detail,cf_key,ll_key,recorded_at
                C1,CONTACT,E10,2016-03-01,,,100010,3000010,2016-03-01 10:00:00.000
                C1,CONTACT,E11,2016-12-20,,,,3000011,2017-01-05 09:00:00.000
                C2,CP_PLAN,E20,2016-01-05,,,100020,3000020,2016-01-05 09:00:00.000
                C2,CASE_NOTE,E21,2016-03-20,,,100021,,2016-03-20 09:00:00.000
                C2,PERIOD_OF_CARE,E22,2015-01-10,,,100022,3000022,2015-01-10 09:00:00.000
                C3,CP_PLAN,E30,2016-02-01,,,,3000030,2016-02-01 09:00:00.000
                C4,PERIOD_OF_CARE,E40,2010-01-01,2012-01-01,,100040,,2010-01-01 09:00:00.000
                C5,STRATEGY_DISCUSSION,E50,2016-04-04,,,,3000050,2016-04-04 09:00:00.000
                C5,S47,E50,2016-04-04,,,,3000050,2016-04-04 09:00:00.000
                """);
        Files.writeString(truth.resolve("defects.csv"), """
                class,system,table,primary_key,detail
                STAT_VISIT_AS_CASE_NOTE,carefirst,CASE_NOTES,100021,statutory visit typed as a general note
                TEAM_NAME_VARIANT,liquidlogic,FACT_CP_PLAN,3000030,team typed as a variant
                LATE_RECORDING,liquidlogic,FACT_CONTACTS,3000011,entered 16 days after the event
                """);
        Files.writeString(truth.resolve(TruthExplanation.MEMBERS_FILE), """
                kpi_code,kind,member_date,member,numerator,denominator
                contacts,EVENT,2016-03-01,E10,1,
                contacts,EVENT,2016-12-20,E11,1,
                s47_per_10k,EVENT,2016-04-04,E50,1,
                cp_visits_in_time_pct,ASAT,2016-03-31,E20,1,1
                cla_dental_check_pct,ASAT,2016-03-31,E22,1,1
                cp_visits_in_time_pct,ASAT,2016-03-31,E30,1,1
                care_leavers_neet_pct,ASAT,2016-03-31,C4,1,1
                """);
        Path restricted = tmp.resolve("restricted.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + restricted); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kpi_members (kpi_code VARCHAR, member_date DATE, member_key VARCHAR, child_key VARCHAR, team VARCHAR, "
                    + "area VARCHAR, num DOUBLE, den DOUBLE, extra DOUBLE)");
            s.execute("""
                    INSERT INTO kpi_members VALUES
                      ('contacts', DATE '2016-03-01', 'LL-3000010', 'Caaa', 'T1', 'A1', 1, 0, NULL),
                      ('contacts', DATE '2016-06-01', 'LL-3000099', 'Czzz', 'T1', 'A1', 1, 0, NULL),
                      ('s47_per_10k', DATE '2016-04-04', 'LL-3000050', 'Ceee', 'T1', 'A1', 1, 0, NULL),
                      ('cp_visits_in_time_pct', DATE '2016-03-31', 'LL-3000020', 'Cbbb', 'T1', 'A1', 0, 1, NULL),
                      ('cla_dental_check_pct', DATE '2016-03-31', 'LL-3000022', 'Cbbb', 'T1', 'A1', 0, 1, NULL),
                      ('cp_visits_in_time_pct', DATE '2016-03-31', 'LL-3000030', 'Cccc', 'T1', 'A1', 0, 1, NULL),
                      ('care_leavers_neet_pct', DATE '2016-03-31', 'Cddd', 'Cddd', 'T1', 'A1', 1, 1, NULL),
                      ('caseload_per_fte', DATE '2016-03-31', 'W1', NULL, 'T1', 'A1', 12, 1, NULL)""");
            s.execute("CREATE TABLE identity_matches (system VARCHAR, source_id VARCHAR, rule VARCHAR, child_key VARCHAR, candidates INTEGER)");
            s.execute("INSERT INTO identity_matches VALUES ('carefirst', '100004', 'CF_CLIENT', 'Cddd', 1), "
                    + "('carefirst', '40100001', 'CF_MERGED_INTO_SURVIVOR', 'Cddd', 1)");
        }
        result = TruthExplanation.explain(truth, restricted, tmp.resolve("out/restricted/verify-differences.csv"));
        listing = Files.readAllLines(result.listing());
    }

    @Test
    void eachDifferenceIsPutDownToItsCause() {
        // the same child's visit typed as a case note explains its visits figure, not its dental one
        assertThat(result.lines()).containsExactly(
                new TruthExplanation.Line("cla_dental_check_pct", 1, 0, 0, 0, 1),
                new TruthExplanation.Line("contacts", 2, 1, 0, 0, 1),
                new TruthExplanation.Line("cp_visits_in_time_pct", 2, 0, 0, 1, 1));
        assertThat(result.differences()).isEqualTo(5);
        assertThat(result.unexplained()).isEqualTo(3);
    }

    @Test
    void theListingNamesEachRecordAndItsExplanation() {
        assertThat(listing).hasSize(6);
        assertThat(listing).anySatisfy(l -> assertThat(l).startsWith("contacts,2016-12-20,MISSING,E11,")
                .endsWith(",recorded after the last extract"));
        // the care leaver is published under a pseudonymous key: the identity report says who it is, so no difference
        assertThat(listing).noneMatch(l -> l.startsWith("care_leavers"));
        assertThat(listing).anySatisfy(l -> assertThat(l).startsWith("contacts,2016-06-01,EXTRA,LL-3000099,").endsWith(",unexplained"));
        assertThat(listing).anySatisfy(l -> assertThat(l).startsWith("cp_visits_in_time_pct,2016-03-31,NUMERATOR,E20,LL-3000020,C2,")
                .endsWith(",same child: STAT_VISIT_AS_CASE_NOTE"));
        assertThat(listing).anySatisfy(l -> assertThat(l).startsWith("cp_visits_in_time_pct,2016-03-31,NUMERATOR,E30,").endsWith(",unexplained"));
    }

    @Test
    void theListingIsForItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result.listing()))).isEqualTo("rw-------");
        assertThat(TruthExplanation.format(result)).doesNotContain("E11").doesNotContain("LL-").contains("5 member differences");
    }
}
