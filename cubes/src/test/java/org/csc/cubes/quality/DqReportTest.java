package org.csc.cubes.quality;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit report from hand-made published files (no Spark): the HTML parses as XHTML and holds
 * its charts and tables; the per-team CSVs hold every open finding exactly once.
 */
class DqReportTest {
    @TempDir static Path tmp;
    static DqReportWriter.Written written;
    static DqReportData data;

    @BeforeAll
    static void publishAndRender() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("cubes.duckdb")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE dq_rules (rule VARCHAR, dimension VARCHAR, severity VARCHAR, description VARCHAR, fix VARCHAR, dfe_code VARCHAR, detects VARCHAR)");
            s.execute("INSERT INTO dq_rules VALUES ('CMP01', 'COMPLETENESS', 'ERROR', 'Contact without a source <b>', 'Record the source & save', 'CIN 8866', 'MISSING_MANDATORY'),"
                    + "('TIM01', 'TIMELINESS', 'WARNING', 'Contact recorded late', 'Record on the day', NULL, 'LATE_RECORDING'),"
                    + "('CON04', 'CONSISTENCY', 'ERROR', 'Plan ends before it starts', 'Correct the dates', NULL, NULL)");
            s.execute("CREATE TABLE dq_results (run_id VARCHAR, rule VARCHAR, team VARCHAR, month DATE, checked BIGINT, failed BIGINT)");
            s.execute("INSERT INTO dq_results VALUES "
                    + "('run-20160101T010000.000Z', 'CMP01', 'Locality Team 1', DATE '2015-11-01', 40, 2),"
                    + "('run-20160102T010000.000Z', 'CMP01', 'Locality Team 1', DATE '2015-11-01', 40, 3),"
                    + "('run-20160102T010000.000Z', 'CMP01', 'Locality Team 1', DATE '2015-12-01', 50, 4),"
                    + "('run-20160102T010000.000Z', 'CMP01', 'Locality Team 2', DATE '2015-12-01', 30, 1),"
                    + "('run-20160102T010000.000Z', 'TIM01', 'Locality Team 2', DATE '2015-12-01', 30, 2),"
                    + "('run-20160102T010000.000Z', 'TIM01', 'Locality Team 2', DATE '2016-01-01', 30, 5),"
                    + "('run-20160102T010000.000Z', 'CON04', 'UNKNOWN', NULL, 3, 1)");
            s.execute("CREATE TABLE dq_rule_runs (run_id VARCHAR, run_at TIMESTAMP, rule VARCHAR, checked BIGINT, failed BIGINT, previous_failed BIGINT, jumped BOOLEAN)");
            s.execute("INSERT INTO dq_rule_runs VALUES ('run-20160101T010000.000Z', NULL, 'CMP01', 40, 2, NULL, false),"
                    + "('run-20160102T010000.000Z', NULL, 'CMP01', 120, 8, 2, true), ('run-20160102T010000.000Z', NULL, 'TIM01', 60, 7, NULL, false),"
                    + "('run-20160102T010000.000Z', NULL, 'CON04', 3, 1, NULL, false)");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("restricted.duckdb")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE dq_findings (run_id VARCHAR, rule VARCHAR, source_system VARCHAR, source_table VARCHAR, record_key VARCHAR, "
                    + "child_key VARCHAR, worker_key VARCHAR, team VARCHAR, month DATE, detail VARCHAR)");
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < 3; i++) v.append("('r', 'CMP01', 'carefirst', 'CONTACTS', '1").append(i).append("', 'C1', 'W1', 'Locality Team 1', DATE '2015-11-01', 'source blank'),");
            for (int i = 0; i < 4; i++) v.append("('r', 'CMP01', 'carefirst', 'CONTACTS', '2").append(i).append("', 'C2', 'W1', 'Locality Team 1', DATE '2015-12-01', 'source blank'),");
            v.append("('r', 'CMP01', 'liquidlogic', 'FACT_CONTACTS', '30', 'C3', 'W2', 'Locality Team 2', DATE '2015-12-01', 'source blank'),");
            v.append("('r', 'TIM01', 'liquidlogic', 'FACT_CONTACTS', '31', 'C3', 'W2', 'Locality Team 2', DATE '2015-12-01', 'entered 30, \"late\"'),");
            v.append("('r', 'TIM01', 'liquidlogic', 'FACT_CONTACTS', '32', 'C3', NULL, 'Locality Team 2', DATE '2015-12-01', 'entered 31'),");
            for (int i = 0; i < 5; i++) v.append("('r', 'TIM01', 'liquidlogic', 'FACT_CONTACTS', '4").append(i).append("', 'C4', 'W2', 'Locality Team 2', DATE '2016-01-01', 'after the period'),");
            v.append("('r', 'CON04', 'liquidlogic', 'fct_cp_plan', '50', 'C5', NULL, 'UNKNOWN', NULL, 'undated')");
            s.execute("INSERT INTO dq_findings VALUES " + v);
        }
        data = DqReportData.load(tmp.resolve("cubes.duckdb"), tmp.resolve("restricted.duckdb"), YearMonth.of(2015, 12));
        written = DqReportWriter.write(data, tmp.resolve("reports"), tmp.resolve("restricted"), 10);
    }

    static Document html() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(written.html().toFile());
    }

    static Element table(Document doc, String cls) {
        NodeList tables = doc.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            Element t = (Element) tables.item(i);
            if (t.getAttribute("class").equals(cls)) return t;
        }
        throw new AssertionError("no table " + cls);
    }

    @Test
    void theReportParsesAndHoldsItsChartsAndTables() throws Exception {
        Document doc = html();
        NodeList svgs = doc.getElementsByTagName("svg");
        assertThat(svgs.getLength()).isEqualTo(2);
        // Monthly score: Nov and Dec of the latest run (January is after the period).
        assertThat(((Element) svgs.item(0)).getElementsByTagName("circle").getLength()).isEqualTo(2);
        assertThat(((Element) svgs.item(1)).getElementsByTagName("circle").getLength()).isEqualTo(2);
        for (String cls : List.of("summary", "fix-first", "worst-rules", "by-team", "by-worker", "by-dimension", "rules")) table(doc, cls);
        assertThat(table(doc, "by-team").getElementsByTagName("tr").getLength()).isEqualTo(1 + 3);
        assertThat(table(doc, "rules").getTextContent()).contains("CIN 8866", "Contact without a source <b>");
        // Dec: 50+30+30 checked, 4+1+2 failed -> 93.6%.
        assertThat(table(doc, "summary").getTextContent()).contains("93.6%");
        // Priority: CMP01 (error, 8 up to Dec) before TIM01 (warning, 2).
        Element fix = table(doc, "fix-first");
        assertThat(fix.getElementsByTagName("tr").item(1).getTextContent()).contains("CMP01");
        assertThat(doc.getDocumentElement().getTextContent()).contains("Failures more than doubled").doesNotContain("record_key");
    }

    @Test
    void perTeamCsvsAddUpToTheOpenFindings() throws Exception {
        assertThat(written.teamCsvs()).hasSize(3);
        List<String> keys = new ArrayList<>();
        for (Path csv : written.teamCsvs()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
            try (Reader r = Files.newBufferedReader(csv)) {
                for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                    assertThat(csv.getFileName().toString()).isEqualTo("findings-" + DqReportWriter.slug(rec.get("team")) + ".csv");
                    keys.add(rec.get("source_system") + "/" + rec.get("source_table") + "/" + rec.get("record_key") + "/" + rec.get("rule"));
                }
            }
        }
        // 16 findings in the table; the 5 dated after December are not yet open for this period.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("restricted.duckdb"));
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM dq_findings WHERE month IS NULL OR month <= DATE '2015-12-31'")) {
            rs.next();
            assertThat(keys).hasSize(rs.getInt(1)).doesNotHaveDuplicates();
        }
        assertThat(keys).hasSize(11);
        assertThat(written.findings()).isEqualTo(11);
    }

    @Test
    void withoutAPeriodTheLatestMonthIsReportedAndEveryFindingIsInACsv() throws Exception {
        DqReportData all = DqReportData.load(tmp.resolve("cubes.duckdb"), tmp.resolve("restricted.duckdb"), null);
        assertThat(all.getPeriod()).isEqualTo("2016-01");
        assertThat(all.findings()).hasSize(16);
    }
}
