package org.csc.etl.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file of the short-window landing area against the source contract (sources/README.md). */
class LandingContractTest {
    private static final Map<String, Map<String, Pattern>> DATES = Map.of(
            "carefirst", Map.of("DATE", Pattern.compile("\\d\\d/\\d\\d/\\d{4}"), "DATETIME", Pattern.compile("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d")),
            "liquidlogic", Map.of("DATE", Pattern.compile("\\d{4}-\\d\\d-\\d\\d"), "DATETIME", Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}")));

    private final Path landing = SimulationFixture.shortRun();

    @Test
    void everyDropHasAManifestWhoseRowsAndSha256Verify() throws Exception {
        for (String system : List.of("carefirst", "liquidlogic")) {
            List<Path> drops = drops(system);
            assertThat(drops).as(system + " drops").isNotEmpty();
            for (Path drop : drops) {
                JsonNode m = manifest(drop);
                assertThat(m.get("system").asText()).isEqualTo(system);
                assertThat(m.get("extract_date").asText()).isEqualTo(drop.getFileName().toString());
                assertThat(m.get("extracted_at").asText()).startsWith(drop.getFileName() + "T");
                if (system.equals("carefirst")) assertThat(m.get("mode").asText()).isEqualTo("FULL");
                TreeSet<String> listed = new TreeSet<>();
                for (JsonNode f : m.get("files")) {
                    listed.add(f.get("name").asText());
                    byte[] raw = Files.readAllBytes(drop.resolve(f.get("name").asText()));
                    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
                            .as(drop + "/" + f.get("name").asText()).isEqualTo(f.get("sha256").asText());
                    assertThat(records(system, raw).size() - 1L).as("rows of " + drop + "/" + f.get("name").asText())
                            .isEqualTo(f.get("rows").asLong());
                }
                try (Stream<Path> s = Files.list(drop)) {
                    List<String> onDisk = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("_manifest.json")).sorted().toList();
                    assertThat(onDisk).containsExactlyElementsOf(listed);
                }
            }
        }
    }

    @Test
    void columnsEncodingsAndDateFormatsFollowTheContract() throws Exception {
        for (String system : List.of("carefirst", "liquidlogic")) {
            Contract contract = Contract.of(system);
            TreeSet<String> delivered = new TreeSet<>();
            boolean sawBom = false, sawNullLiteral = false, sawNonAscii = false;
            for (Path drop : drops(system)) {
                for (JsonNode f : manifest(drop).get("files")) {
                    String name = f.get("name").asText();
                    byte[] raw = Files.readAllBytes(drop.resolve(name));
                    List<CSVRecord> rows = records(system, raw);
                    List<String> header = rows.get(0).toList();
                    if (name.equals("_DELETIONS.csv")) {
                        assertThat(header).containsExactly("TABLE_NAME", "PRIMARY_KEY", "DELETED_DTTM");
                        continue;
                    }
                    String table = name.substring(0, name.length() - 4);
                    delivered.add(table);
                    List<Contract.Column> cols = contract.columns(table);
                    assertThat(header).as(system + " " + table).containsExactlyInAnyOrderElementsOf(cols.stream().map(Contract.Column::name).toList());
                    if (system.equals("carefirst")) {
                        assertThat(lfWithoutCr(raw)).as("CRLF line ends in " + drop + "/" + name).isFalse();
                        for (byte b : raw) if (b < 0) { sawNonAscii = true; break; }
                    } else {
                        sawBom |= raw.length > 2 && raw[0] == (byte) 0xEF && raw[1] == (byte) 0xBB && raw[2] == (byte) 0xBF;
                    }
                    for (int c = 0; c < header.size(); c++) {
                        String type = typeOf(cols, header.get(c));
                        Pattern p = DATES.get(system).get(type);
                        for (int r = 1; r < rows.size(); r++) {
                            String v = rows.get(r).get(c);
                            if (v.equals("NULL")) { sawNullLiteral = true; continue; }
                            if (p != null && !v.isEmpty()) assertThat(v).as(system + " " + table + "." + header.get(c)).matches(p);
                        }
                    }
                }
            }
            assertThat(delivered).as(system + " tables delivered at least once").containsExactlyInAnyOrderElementsOf(contract.tables());
            if (system.equals("carefirst")) assertThat(sawNonAscii).as("accented names in windows-1252").isTrue();
            else assertThat(sawBom && sawNullLiteral).as("Liquid Logic byte-order marks and NULL literals").isTrue();
        }
    }

    @Test
    void liquidLogicSendsAFullAtGoLiveThenDeltasWithDeletionsAndAnOccasionalFull() throws Exception {
        List<String> modes = new ArrayList<>();
        boolean deletions = false;
        for (Path drop : drops("liquidlogic")) {
            modes.add(manifest(drop).get("mode").asText());
            deletions |= Files.exists(drop.resolve("_DELETIONS.csv"));
        }
        assertThat(modes.get(0)).isEqualTo("FULL");
        assertThat(modes.subList(1, modes.size())).contains("DELTA");
        assertThat(deletions).isTrue();
        assertThat(drops("liquidlogic").get(0).getFileName().toString()).isEqualTo(SimulationFixture.GO_LIVE.toString());
        assertThat(drops("carefirst").get(drops("carefirst").size() - 1).getFileName().toString()).isEqualTo(SimulationFixture.GO_LIVE.toString());
    }

    @Test
    void manualAndHrFilesHaveTheirDocumentedColumns() throws Exception {
        assertThat(header(landing.resolve("manual/icpc_tracker.csv"))).containsExactly("CHILD_REF", "STRATEGY_DATE", "ICPC_DATE", "WITHIN_15_DAYS", "COMMENTS");
        assertThat(header(landing.resolve("manual/dental_checks.csv"))).containsExactly("CHILD_REF", "CHECK_DATE", "RECORDED_BY");
        List<CSVRecord> hr = records("liquidlogic", Files.readAllBytes(landing.resolve("hr/sickness.csv")));
        assertThat(hr.get(0).toList()).containsExactly("MONTH", "SERVICE", "FTE", "DAYS_LOST");
        assertThat(hr.subList(1, hr.size())).extracting(r -> r.get(1)).containsOnly("Children's Social Care", "Life Stages 0-25", "Authority");
        assertThat(hr.subList(1, hr.size())).extracting(r -> r.get(0)).allMatch(m -> m.matches("\\d{4}-\\d\\d"));
    }

    // ------------------------------------------------------------------ helpers

    private List<Path> drops(String system) throws IOException {
        try (Stream<Path> s = Files.list(landing.resolve(system))) {
            return s.sorted().toList();
        }
    }

    static JsonNode manifest(Path drop) throws IOException {
        assertThat(drop.resolve("_manifest.json")).exists();
        return new ObjectMapper().readTree(drop.resolve("_manifest.json").toFile());
    }

    static List<CSVRecord> records(String system, byte[] raw) throws IOException {
        String text = decode(system, raw);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
    }

    static String decode(String system, byte[] raw) throws CharacterCodingException {
        Charset cs = system.equals("carefirst") ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(raw)).toString();
    }

    private static List<String> header(Path file) throws IOException {
        return records("liquidlogic", Files.readAllBytes(file)).get(0).toList();
    }

    private static boolean lfWithoutCr(byte[] raw) {
        for (int i = 0; i < raw.length; i++) if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) return true;
        return false;
    }

    private static String typeOf(List<Contract.Column> cols, String name) {
        for (Contract.Column c : cols) if (c.name().equals(name)) return c.type();
        return "";
    }

}
