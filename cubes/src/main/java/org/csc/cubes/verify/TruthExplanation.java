package org.csc.cubes.verify;

import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains, record by record, why a published indicator differs from the simulator's ground truth.
 * The truth's members (_truth/kpi_truth_members.csv: each true event or cohort member with its
 * numerator and denominator) are matched to the published members (restricted.duckdb kpi_members)
 * through the source keys every true event carries (_truth/events.csv). Each member that is
 * missing, extra, dated differently or counted differently is then put down to what the simulator
 * did to the data: recorded after the last extract (no drop ever held it), a defect injected into
 * its own record, or one injected into another record of the same child (a visit typed as a case
 * note makes the plan it belongs to look unvisited). What is left is "unexplained": a warehouse
 * defect to chase, not a data one.
 *
 * <p>The listing names source keys, so it goes to the restricted output (owner-only); the summary
 * printed on the console holds counts only.
 */
public final class TruthExplanation {
    public static final String MEMBERS_FILE = "kpi_truth_members.csv";

    public record Line(String kpi, long differences, long lateAfterExtract, long ownDefect, long childDefect, long unexplained) {}

    public record Result(List<Line> lines, Path listing) {
        public long differences() { return lines.stream().mapToLong(Line::differences).sum(); }
        public long unexplained() { return lines.stream().mapToLong(Line::unexplained).sum(); }
    }

    private TruthExplanation() {}

    public static boolean available(Path truthDir, Path restricted) {
        return Files.isRegularFile(truthDir.resolve(MEMBERS_FILE)) && Files.isRegularFile(restricted);
    }

    public static Result explain(Path truthDir, Path restricted, Path listing) {
        for (String f : List.of(MEMBERS_FILE, "events.csv", "defects.csv", "scenario.csv")) {
            if (!Files.isRegularFile(truthDir.resolve(f))) throw Errors.missingFile("Ground truth " + f, truthDir.resolve(f));
        }
        if (!Files.isRegularFile(restricted)) throw Errors.missingFile("Restricted output (kpi_members)", restricted);
        try {
            Files.createDirectories(listing.getParent());
            Files.setPosixFilePermissions(listing.getParent(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw Errors.io("Creating the restricted directory for the difference listing", listing.getParent(), e);
        }
        List<Line> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("ATTACH '" + q(restricted) + "' AS r (READ_ONLY)");
            s.execute(sql(truthDir));
            s.execute("COPY (SELECT * FROM explained ORDER BY kpi_code, member_date, member) TO '" + q(listing) + "' (HEADER)");
            try (ResultSet rs = s.executeQuery("""
                    SELECT kpi_code, count(*),
                           count(*) FILTER (WHERE explanation = 'recorded after the last extract'),
                           count(*) FILTER (WHERE explanation LIKE 'own record:%'),
                           count(*) FILTER (WHERE explanation LIKE 'same child:%'),
                           count(*) FILTER (WHERE explanation = 'unexplained')
                    FROM explained GROUP BY kpi_code ORDER BY kpi_code""")) {
                while (rs.next()) out.add(new Line(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw Errors.of("Explaining the differences from the ground truth failed.", e.getMessage().lines().findFirst().orElse(""),
                    "Check that " + restricted + " was published by this version and that " + truthDir
                            + " was written by this version's simulator (it needs " + MEMBERS_FILE + ").", e);
        }
        try {
            Files.setPosixFilePermissions(listing, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw Errors.io("Restricting the difference listing to its owner", listing, e);
        }
        return new Result(out, listing);
    }

    private static String q(Path p) { return p.toString().replace("'", "''"); }

    /**
     * A true record's id from a defect's source key: each system numbers its records from its own offset,
     * and FACT_MEETINGS and FACT_FORM_ANSWERS have key spaces of their own (simulator Keys). The manual logs
     * name the child by the key of the system that held it.
     */
    private static final String RECORD_ID = """
            CASE WHEN system = 'carefirst' THEN k - 100000
                 WHEN system = 'manual' AND ll THEN k - 3000000
                 WHEN system = 'manual' THEN k - 100000
                 WHEN "table" = 'FACT_MEETINGS' THEN CASE WHEN k >= 20000000000 THEN k - 20000000000 WHEN k >= 10000000000 THEN k - 10000000000
                                                          WHEN k >= 4500000 THEN k - 4500000 ELSE k - 4000000 END
                 WHEN "table" = 'FACT_FORM_ANSWERS' THEN CASE WHEN k >= 30000000000 THEN k - 30000000000 ELSE k - 6000000 END
                 ELSE k - 3000000 END""";

    /**
     * Defect classes that can move only some indicators, and which. A class not listed (a missing field,
     * an invalid code, a broken link, a duplicate person, a record after the last extract) can move any
     * indicator reading the record; ICPC_LOG_WRONG_YN is in the manual tracker, which no indicator reads.
     */
    static final String EFFECTS = """
            ('STAT_VISIT_AS_CASE_NOTE', 'cp_visits_in_time_pct'), ('STAT_VISIT_AS_CASE_NOTE', 'cla_visits_in_time_pct'),
            ('DISTANCE_NOT_NUMERIC', 'cla_over_20_miles_pct'), ('DENTAL_ONLY_IN_MANUAL_LOG', 'cla_dental_check_pct'),
            ('ICPC_LOG_WRONG_YN', '-')""";

    static String sql(Path truthDir) {
        String events = q(truthDir.resolve("events.csv")), defects = q(truthDir.resolve("defects.csv")),
                members = q(truthDir.resolve(MEMBERS_FILE)), scenario = q(truthDir.resolve("scenario.csv"));
        return """
                CREATE TEMP TABLE explained AS
                WITH scen AS (SELECT * FROM read_csv('%4$s', header = true, all_varchar = true)),
                     win AS (SELECT (SELECT CAST(value AS DATE) FROM scen WHERE key = 'from') AS w_from,
                                    (SELECT CAST(value AS DATE) FROM scen WHERE key = 'to') AS w_to,
                                    (SELECT CAST(value AS TIMESTAMP) FROM scen WHERE key = 'last_extract') AS last_extract),
                     ev AS (SELECT event_id, true_child_id, event_type, cf_key, ll_key, TRY_CAST(recorded_at AS TIMESTAMP) AS recorded_at,
                                   TRY_CAST(end_date AS DATE) AS end_date
                            FROM read_csv('%1$s', header = true, all_varchar = true, nullstr = '')),
                     tm AS (SELECT kpi_code, kind, CAST(member_date AS DATE) AS member_date, member,
                                   CAST(numerator AS DOUBLE) AS num, TRY_CAST(denominator AS DOUBLE) AS den
                            FROM read_csv('%3$s', header = true, all_varchar = true, nullstr = '')),
                     kinds AS (SELECT DISTINCT kpi_code, kind FROM tm),
                     evk AS (SELECT event_id, min(true_child_id) AS true_child_id, max(recorded_at) AS recorded_at, max(end_date) AS end_date
                             FROM ev GROUP BY event_id),
                     -- a strategy discussion and its s47 are one true event carrying one key: DISTINCT keeps one match
                     keymap AS (SELECT DISTINCT 'LL-' || ll_key AS member_key, event_id, true_child_id FROM ev WHERE ll_key IS NOT NULL
                                UNION
                                SELECT DISTINCT 'CF-' || cf_key, event_id, true_child_id FROM ev WHERE cf_key IS NOT NULL),
                     true_children AS (SELECT DISTINCT true_child_id FROM ev),
                     cm_raw AS (SELECT m.kpi_code, m.member_date, m.member_key, m.child_key, m.num, m.den
                                FROM r.kpi_members m JOIN kinds USING (kpi_code), win
                                WHERE m.member_date BETWEEN win.w_from AND win.w_to AND (m.num <> 0 OR m.den <> 0)),
                     -- a cohort of children (care leavers) is keyed by the pseudonymous child: its events say who that is
                     -- the identity report names each person record the child was matched from; duplicates
                     -- and merged records carry ids of their own, so only ids of true children count
                     idmap AS (SELECT i.child_key, min(t.true_child_id) AS true_child_id
                               FROM (SELECT child_key, system, NULL AS "table", false AS ll, TRY_CAST(source_id AS BIGINT) AS k FROM r.identity_matches) i
                               JOIN true_children t ON t.true_child_id = 'C' || (%5$s)
                               GROUP BY i.child_key),
                     evmap AS (SELECT c.child_key, min(k.true_child_id) AS true_child_id
                               FROM cm_raw c JOIN keymap k USING (member_key) GROUP BY c.child_key),
                     childmap AS (SELECT child_key, coalesce(i.true_child_id, e.true_child_id) AS true_child_id
                                  FROM idmap i FULL JOIN evmap e USING (child_key)),
                     cm AS (SELECT c.kpi_code, k2.kind, c.member_date, c.member_key,
                                   coalesce(k.event_id, CASE WHEN c.member_key = c.child_key THEN ch.true_child_id END, c.member_key) AS member,
                                   coalesce(k.true_child_id, ch.true_child_id) AS true_child_id, c.num, c.den
                            FROM cm_raw c JOIN kinds k2 USING (kpi_code)
                            LEFT JOIN keymap k USING (member_key)
                            LEFT JOIN childmap ch ON ch.child_key = c.child_key),
                     cmk AS (SELECT kpi_code, CASE WHEN kind = 'ASAT' THEN member_date END AS at, member,
                                    min(member_date) AS member_date, min(member_key) AS member_key, min(true_child_id) AS true_child_id,
                                    sum(num) AS num, sum(den) AS den
                             FROM cm GROUP BY ALL),
                     tmk AS (SELECT t.kpi_code, CASE WHEN t.kind = 'ASAT' THEN t.member_date END AS at, t.member,
                                    min(t.member_date) AS member_date, sum(t.num) AS num, sum(t.den) AS den
                             FROM tm t, win WHERE t.member_date BETWEEN win.w_from AND win.w_to GROUP BY ALL),
                     diff AS (SELECT coalesce(t.kpi_code, c.kpi_code) AS kpi_code, coalesce(t.member_date, c.member_date) AS member_date,
                                     coalesce(t.member, c.member) AS member, c.member_key,
                                     CASE WHEN c.member IS NULL THEN 'MISSING' WHEN t.member IS NULL THEN 'EXTRA'
                                          WHEN t.member_date <> c.member_date THEN 'DATE'
                                          WHEN t.num <> c.num THEN 'NUMERATOR'
                                          WHEN t.den IS NOT NULL AND t.den <> c.den THEN 'DENOMINATOR' END AS difference,
                                     t.member_date AS truth_date, c.member_date AS published_date,
                                     t.num AS truth_num, t.den AS truth_den, c.num AS published_num, c.den AS published_den,
                                     c.true_child_id AS published_child, t.member IS NOT NULL AND t.at IS NULL AS true_event
                              FROM tmk t FULL JOIN cmk c ON c.kpi_code = t.kpi_code AND c.member = t.member AND c.at IS NOT DISTINCT FROM t.at),
                     -- a manual log names the child as Care First prints it, or as LL followed by the Liquid Logic key
                     d0 AS (SELECT class, system, "table", system = 'manual' AND primary_key LIKE 'LL%%' AS ll,
                                   TRY_CAST(CASE WHEN system = 'manual' THEN replace(split_part(primary_key, '|', 1), 'LL', '') ELSE primary_key END AS BIGINT) AS k
                            FROM read_csv('%2$s', header = true, all_varchar = true, nullstr = '')),
                     -- a team-name variant or placeholder postcode cannot move an authority-level figure, and late
                     -- recording only does when it came after the last extract (recorded_at says so): not explanations
                     drec AS (SELECT d0.class, %5$s AS id FROM d0
                              WHERE d0.class NOT IN ('TEAM_NAME_VARIANT', 'PLACEHOLDER_POSTCODE', 'LATE_RECORDING')
                              UNION ALL
                              SELECT 'RECORDED_AFTER_LAST_EXTRACT', CAST(substr(ev.event_id, 2) AS BIGINT) FROM ev, win
                              WHERE ev.recorded_at > win.last_extract),
                     dref AS (SELECT drec.class, coalesce(ev.event_id, 'C' || drec.id) AS ref, coalesce(ev.true_child_id, 'C' || drec.id) AS child
                              FROM drec LEFT JOIN evk ev ON ev.event_id = 'E' || drec.id),
                     d1 AS (SELECT x.*, coalesce(ev.true_child_id, CASE WHEN regexp_full_match(x.member, 'C[0-9]+') THEN x.member END, x.published_child) AS child,
                                   ev.recorded_at, ev.end_date
                            FROM diff x LEFT JOIN evk ev ON ev.event_id = x.member WHERE x.difference IS NOT NULL),
                     -- some defects can only move certain indicators (a visit typed as a case note cannot move a
                     -- dental figure); the others can move any indicator that reads the record
                     effects(class, kpi_code) AS (VALUES %6$s),
                     own AS (SELECT d1.kpi_code, d1.member, d1.member_date, string_agg(DISTINCT dref.class, ' ' ORDER BY dref.class) AS classes
                             FROM d1 JOIN dref ON dref.ref = d1.member
                             WHERE dref.class NOT IN (SELECT class FROM effects)
                                OR EXISTS (SELECT 1 FROM effects e WHERE e.class = dref.class AND e.kpi_code = d1.kpi_code) GROUP BY ALL),
                     kin AS (SELECT d1.kpi_code, d1.member, d1.member_date, string_agg(DISTINCT dref.class, ' ' ORDER BY dref.class) AS classes
                             FROM d1 JOIN dref ON dref.child = d1.child AND dref.ref <> d1.member
                             WHERE dref.class NOT IN (SELECT class FROM effects)
                                OR EXISTS (SELECT 1 FROM effects e WHERE e.class = dref.class AND e.kpi_code = d1.kpi_code) GROUP BY ALL)
                SELECT d1.kpi_code, d1.member_date, d1.difference, d1.member, d1.member_key, d1.child AS true_child,
                       d1.truth_date, d1.published_date, d1.truth_num, d1.truth_den, d1.published_num, d1.published_den,
                       -- an event dated the day of the last extract (taken at night) happened after it
                       -- and one that ended that day (a period of care closed on the last day) ended after it
                       CASE WHEN d1.recorded_at > win.last_extract
                                 OR d1.true_event AND d1.truth_date >= CAST(win.last_extract AS DATE)
                                 OR d1.end_date >= CAST(win.last_extract AS DATE) THEN 'recorded after the last extract'
                            WHEN own.classes IS NOT NULL THEN 'own record: ' || own.classes
                            WHEN kin.classes IS NOT NULL THEN 'same child: ' || kin.classes
                            ELSE 'unexplained' END AS explanation
                FROM d1 CROSS JOIN win
                LEFT JOIN own ON own.kpi_code = d1.kpi_code AND own.member = d1.member AND own.member_date = d1.member_date
                LEFT JOIN kin ON kin.kpi_code = d1.kpi_code AND kin.member = d1.member AND kin.member_date = d1.member_date
                """.formatted(events, defects, members, scenario, RECORD_ID, EFFECTS);
    }

    public static String format(Result r) {
        StringBuilder sb = new StringBuilder(String.format("%n%-34s %8s %10s %10s %10s %11s%n", "kpi_code", "members", "late>last",
                "own defect", "same child", "unexplained"));
        for (Line l : r.lines()) {
            sb.append(String.format("%-34s %8d %10d %10d %10d %11d%n", l.kpi(), l.differences(), l.lateAfterExtract(), l.ownDefect(),
                    l.childDefect(), l.unexplained()));
        }
        sb.append(r.differences()).append(" member differences from the ground truth, ").append(r.differences() - r.unexplained())
                .append(" explained by injected defects or recording after the last extract, ").append(r.unexplained())
                .append(" unexplained; record-level listing: ").append(r.listing()).append('\n');
        return sb.toString();
    }
}
