package org.csc.cubes.kpi;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thresholds the indicator definitions use (45 working days, 20 miles, V3/V4 ...), from
 * conf/kpi_parameters.csv, so a council changes a timescale without touching code. Members SQL
 * names them as {@code ${name}}; an unknown name fails the run naming the indicator.
 */
public final class KpiParameters {
    public static final String FILE = "kpi_parameters.csv";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9_]+)}");

    private final Map<String, String> values;

    public KpiParameters(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static KpiParameters load(WarehouseConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Reader r = new InputStreamReader(config.conf().open(FILE), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get().parse(r)) {
                out.put(rec.get("name").trim(), rec.get("value").trim());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw Errors.of("conf/" + FILE + " cannot be read.", e.getMessage(),
                    "Restore the file with columns name,value,why (one indicator threshold per line).", e);
        }
        // Where unallocated children are reported is a warehouse-wide setting.
        out.put("unallocated", config.string("report.unallocated"));
        return new KpiParameters(out);
    }

    public Map<String, String> values() { return values; }

    /** The SQL with every ${name} replaced; fails naming the indicator and the missing name. */
    public String apply(String kpiCode, String sql) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw Errors.of("Indicator " + kpiCode + " uses the parameter '" + m.group(1) + "', which is not set.",
                        "conf/" + FILE + " has no line for it.",
                        "Add a line '" + m.group(1) + ",<value>,<why>' to conf/" + FILE + ".");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
