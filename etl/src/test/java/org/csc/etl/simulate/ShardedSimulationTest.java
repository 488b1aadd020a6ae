package org.csc.etl.simulate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large authority is simulated in shards, one world in memory at a time, appended to the same
 * files. Scale 2 in shards of scale 1 over the short window: the first shard is exactly the
 * one-shard world, the files stay one authority's (one header, one department list, one HR row
 * per month and service, unique keys) and the manifests describe the appended files.
 */
class ShardedSimulationTest {
    @TempDir static Path tmp;
    static Path single;
    static Path sharded;

    @BeforeAll
    static void simulate() {
        SimulationOptions o = SimulationFixture.shortWindow(42);
        single = SimulationFixture.shortRun();
        sharded = tmp.resolve("sharded");
        Simulator.run(o.withScale(2).withOut(sharded), SimulationFixture.config().with("simulate.shard.scale", "1"));
    }

    @Test
    void theFirstShardIsTheOneShardWorldAndTheSecondIsAppended() throws Exception {
        Path file = Path.of("liquidlogic", SimulationFixture.GO_LIVE.toString(), "DIM_PERSON.csv");
        byte[] one = Files.readAllBytes(single.resolve(file));
        byte[] two = Files.readAllBytes(sharded.resolve(file));
        assertThat(two.length).isGreaterThan(one.length + one.length / 2);
        assertThat(java.util.Arrays.copyOf(two, one.length)).isEqualTo(one);
        assertThat(Files.readAllBytes(sharded.resolve("liquidlogic").resolve(SimulationFixture.GO_LIVE.toString()).resolve("DIM_DEPARTMENT.csv")))
                .isEqualTo(Files.readAllBytes(single.resolve("liquidlogic").resolve(SimulationFixture.GO_LIVE.toString()).resolve("DIM_DEPARTMENT.csv")));
    }

    @Test
    void keysAreUniqueAcrossShards() throws Exception {
        for (String table : List.of("DIM_PERSON", "DIM_WORKER", "FACT_CONTACTS", "FACT_REFERRALS", "FACT_MEETINGS")) {
            List<CSVRecord> rows = read(sharded.resolve("liquidlogic").resolve(SimulationFixture.GO_LIVE.toString()).resolve(table + ".csv"));
            Set<String> keys = new HashSet<>();
            for (CSVRecord r : rows) assertThat(keys.add(r.get(0))).as(table + " key " + r.get(0)).isTrue();
        }
        List<CSVRecord> sickness = read(sharded.resolve("hr/sickness.csv"));
        Set<String> monthService = new HashSet<>();
        for (CSVRecord r : sickness) assertThat(monthService.add(r.get("MONTH") + "|" + r.get("SERVICE"))).isTrue();
        assertThat(sickness).hasSameSizeAs(read(single.resolve("hr/sickness.csv")));
    }

    @Test
    void everyManifestDescribesTheAppendedFiles() throws Exception {
        Pattern entry = Pattern.compile("\\{\"name\": \"([^\"]+)\", \"rows\": (\\d+), \"sha256\": \"([0-9a-f]+)\"}");
        int checked = 0;
        try (Stream<Path> s = Files.walk(sharded)) {
            for (Path m : s.filter(p -> p.getFileName().toString().equals("_manifest.json")).toList()) {
                Matcher x = entry.matcher(Files.readString(m));
                while (x.find()) {
                    Path f = m.resolveSibling(x.group(1));
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
                    assertThat(sha).as(f.toString()).isEqualTo(x.group(3));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void theTruthAddsTheShardsUp() throws Exception {
        double singleContacts = 0, shardedContacts = 0, shardedMembers = 0;
        for (CSVRecord r : read(single.resolve("_truth/kpi_truth.csv"))) {
            if (r.get("kpi_code").equals("contacts") && r.get("basis").equals("MONTH")) singleContacts += Double.parseDouble(r.get("numerator"));
        }
        for (CSVRecord r : read(sharded.resolve("_truth/kpi_truth.csv"))) {
            if (r.get("kpi_code").equals("contacts") && r.get("basis").equals("MONTH")) shardedContacts += Double.parseDouble(r.get("numerator"));
        }
        for (CSVRecord r : read(sharded.resolve("_truth/" + KpiTruth.MEMBERS_FILE))) {
            if (r.get("kpi_code").equals("contacts")) shardedMembers += Double.parseDouble(r.get("numerator"));
        }
        assertThat(shardedContacts).isEqualTo(shardedMembers).isGreaterThan(singleContacts * 1.5);
        assertThat(Files.readString(sharded.resolve("_truth/scenario.csv"))).contains("scale,2\n").contains("shards,2\n");
    }

    /** Liquid Logic, HR and truth files are UTF-8 (some Liquid Logic tables start with a byte-order mark). */
    private static List<CSVRecord> read(Path f) throws Exception {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }
}
