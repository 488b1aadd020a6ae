package org.csc.etl.quality;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Measures the audit against the simulator's ground truth (_truth/defects.csv: class, system,
 * table, primary_key, detail). A finding counts for a defect class when its rule declares that
 * class (DqRule.detects); it is found when (system, table, key) matches an injected defect of the
 * class. Recall = injected found / injected; precision = findings that were injected / findings.
 */
public final class TruthComparison {
    /** One defect or one finding, reduced to what identifies the record. */
    public record Key(String defectClass, String system, String table, String primaryKey) {
        static Key of(String c, String system, String table, String key) {
            return new Key(c.trim().toUpperCase(Locale.ROOT), system.trim().toLowerCase(Locale.ROOT),
                    table.trim().toUpperCase(Locale.ROOT), key.trim());
        }
    }

    public record ClassScore(String defectClass, int injected, int found, int findings, int notInjected) {
        public double recall() { return injected == 0 ? Double.NaN : (double) found / injected; }
        public double precision() { return findings == 0 ? Double.NaN : (double) (findings - notInjected) / findings; }
    }

    private TruthComparison() {}

    public static List<Key> readTruth(Path truthDir) {
        Path file = Files.isDirectory(truthDir) ? truthDir.resolve("defects.csv") : truthDir;
        if (!Files.isRegularFile(file)) throw Errors.missingFile("Ground truth (defects.csv)", file);
        List<Key> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(Key.of(rec.get("class"), rec.get("system"), rec.get("table"), rec.get("primary_key")));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw Errors.of("Ground truth " + file + " cannot be read.", e.getMessage(),
                    "Point --truth at the simulator's _truth folder (columns class,system,table,primary_key,detail).", e);
        }
        return out;
    }

    /**
     * @param findings (rule, source_system, source_table, record_key) of the audit run
     * @param rules    the catalog, for each rule's defect class
     */
    public static List<ClassScore> compare(List<Key> truth, List<String[]> findings, List<DqRule> rules) {
        Map<String, String> detects = rules.stream().filter(r -> r.detects() != null).collect(Collectors.toMap(DqRule::code, DqRule::detects));
        Set<Key> injected = new HashSet<>(truth);
        Set<Key> flagged = new HashSet<>();
        for (String[] f : findings) {
            String c = detects.get(f[0]);
            if (c != null && f[1] != null && f[2] != null && f[3] != null) flagged.add(Key.of(c, f[1], f[2], f[3]));
        }
        Set<String> classes = new java.util.TreeSet<>();
        injected.forEach(k -> classes.add(k.defectClass()));
        detects.values().forEach(c -> classes.add(c.toUpperCase(Locale.ROOT)));
        Map<String, ClassScore> out = new TreeMap<>();
        for (String c : classes) {
            Set<Key> inj = injected.stream().filter(k -> k.defectClass().equals(c)).collect(Collectors.toSet());
            Set<Key> fl = flagged.stream().filter(k -> k.defectClass().equals(c)).collect(Collectors.toSet());
            int found = (int) inj.stream().filter(fl::contains).count();
            int notInjected = (int) fl.stream().filter(k -> !inj.contains(k)).count();
            out.put(c, new ClassScore(c, inj.size(), found, fl.size(), notInjected));
        }
        return List.copyOf(out.values());
    }

    /** A fixed-width table for the console: counts and ratios only, never record keys. */
    public static String format(List<ClassScore> scores) {
        StringBuilder sb = new StringBuilder(String.format("%-28s %9s %7s %9s %12s %7s %9s%n", "defect class", "injected", "found",
                "findings", "not injected", "recall", "precision"));
        for (ClassScore s : scores) {
            sb.append(String.format("%-28s %9d %7d %9d %12d %7s %9s%n", s.defectClass(), s.injected(), s.found(), s.findings(),
                    s.notInjected(), ratio(s.recall()), ratio(s.precision())));
        }
        return sb.toString();
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.3f", v);
    }
}
