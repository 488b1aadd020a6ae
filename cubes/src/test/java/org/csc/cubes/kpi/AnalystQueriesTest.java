package org.csc.cubes.kpi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example query of cubes/ANALYSTS.md runs against the files published from the fixture
 * (parsed from the markdown, so the documentation and this test cannot drift), plus checks of what
 * the published files hold.
 */
class AnalystQueriesTest {
    static KpiFixture f;

    @BeforeAll
    static void build() throws Exception {
        f = KpiFixture.get();
    }

    static List<String> examples() throws Exception {
        Path doc = Path.of(System.getProperty("csc.project.dir", ".."), "cubes", "ANALYSTS.md");
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1).trim());
        return out;
    }

    static Connection open(Path file) throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + file, p);
    }

    @Test
    void everyDocumentedQueryRuns() throws Exception {
        List<String> queries = examples();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        for (String sql : queries) {
            Path file = sql.startsWith("-- restricted.duckdb") ? f.published.restricted() : f.published.cubes();
            int rows = 0;
            try (Connection c = open(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) rows++;
            } catch (Exception e) {
                throw new AssertionError("documented query failed: " + e.getMessage() + "\n" + sql, e);
            }
            if (!sql.contains("may return no rows")) assertThat(rows).as("rows of\n" + sql).isPositive();
        }
    }

    static List<String> column(Path file, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = open(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void cubesHoldNoRecordKeysAndRestrictedIsOwnerOnly() throws Exception {
        List<String> cols = column(f.published.cubes(), "SELECT table_name || '.' || column_name FROM information_schema.columns");
        assertThat(cols).noneMatch(c -> c.contains("child_key") || c.contains("member_key") || c.contains("worker_key"));
        assertThat(cols).contains("kpi_values.numerator", "kpi_values.denominator", "kpi_values.target", "kpi_values.rag",
                "kpi_trend.gap_to_england", "kpi_trend.vs_last_year", "kpi_forecast.projected_value", "kpi_restatement.first_value",
                "caseload_weekly.over_max_workers", "workforce_monthly.value", "kpi_benchmarks.comparator", "kpi_catalog.polarity");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f.published.restricted())))
                .isEqualTo("rw-------");
        assertThat(column(f.published.restricted(), "SELECT DISTINCT kpi_code FROM kpi_members")).hasSize(35);
    }

    @Test
    void benchmarksAreMappedToCatalogCodes() throws Exception {
        // cla_per_10k_31mar -> cla_per_10k; caseload_per_sw -> caseload_per_fte; unmapped codes (sw_vacancy_pct) dropped.
        List<String> codes = column(f.published.cubes(), "SELECT DISTINCT kpi_code FROM kpi_benchmarks ORDER BY 1");
        assertThat(codes).contains("cla_per_10k", "cpp_per_10k", "caseload_per_fte", "cla_health_check_pct", "icpc_15wd_pct")
                .doesNotContain("cla_per_10k_31mar", "sw_vacancy_pct");
        assertThat(column(f.published.cubes(), "SELECT value FROM kpi_benchmarks WHERE kpi_code = 'icpc_15wd_pct' "
                + "AND financial_year = '2015-16' AND comparator = 'england'")).containsExactly("76.7");
    }

    @Test
    void trendComparesWithThePreviousMonthByPolarity() throws Exception {
        // icpc Jan 1/1 = 100%, Feb 2/3 = 66.67%: high polarity -> WORSE; gap to the 95 target -28.33;
        // England 2015-16 76.7 -> gap -10.03.
        List<String> row = column(f.published.cubes(), "SELECT previous_value || ' ' || vs_previous || ' ' || gap_to_target || ' ' "
                + "|| gap_to_england FROM kpi_trend WHERE kpi_code = 'icpc_15wd_pct' AND period_type = 'MONTH' AND basis = 'MONTH' "
                + "AND area = 'All' AND period_end = DATE '2016-02-29'");
        assertThat(row).containsExactly("100.0 WORSE -28.33 -10.03");
    }

    @Test
    void forecastFollowsTheMethodOfEachIndicator() throws Exception {
        // As of 31 Mar 2016 (12 months elapsed): contacts pro rata = YTD 3 x 12 / 12; icpc YTD rate; sickness pro rata.
        List<String> rows = column(f.published.cubes(), "SELECT kpi_code || ' ' || method || ' ' || months_elapsed FROM kpi_forecast "
                + "WHERE kpi_code IN ('contacts', 'icpc_15wd_pct', 'cla_per_10k') ORDER BY 1");
        assertThat(rows).containsExactly("cla_per_10k LINEAR_TREND_6M 12", "contacts PRO_RATA 12", "icpc_15wd_pct YTD_RATE 12");
        assertThat(column(f.published.cubes(), "SELECT projected_value FROM kpi_forecast WHERE kpi_code = 'contacts'"))
                .containsExactly("3.0");
    }

    @Test
    void weeklyCaseloadsByTeam() throws Exception {
        // Week to 28 Feb: Team B has W2 (2 cases, max 1.5: over), W4 (2 of 3) and W6 (no cases): 3 workers, 2 with cases.
        assertThat(column(f.published.cubes(), "SELECT workers || ' ' || workers_with_cases || ' ' || cases || ' ' || over_max_workers "
                + "|| ' ' || cases_per_fte FROM caseload_weekly WHERE team = 'Team B'")).containsExactly("3 2 4 1 2.67");
        assertThat(column(f.published.cubes(), "SELECT over_max_workers FROM caseload_weekly WHERE area = 'All'")).containsExactly("2");
    }
}
