package org.csc.cubes.kpi;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Targets per indicator and financial year from conf/targets.csv (kpi_code, fin_year, basis,
 * target, amber_tolerance, source; an empty basis applies to every basis). RAG compares the value with the target by the indicator's polarity:
 * on or better than target GREEN, within the tolerance AMBER, else RED; no target, no RAG.
 */
public final class KpiTargets {
    public static final String FILE = "targets.csv";
    public static final String VIEW = "kpi_targets";
    public static final StructType SCHEMA = new StructType()
            .add("kpi_code", DataTypes.StringType).add("fin_year", DataTypes.StringType).add("basis", DataTypes.StringType)
            .add("target", DataTypes.DoubleType).add("amber_tolerance", DataTypes.DoubleType).add("source", DataTypes.StringType);

    private final List<Row> rows;

    private KpiTargets(List<Row> rows) { this.rows = rows; }

    public static KpiTargets load(WarehouseConfig config) {
        List<Row> out = new ArrayList<>();
        try (Reader r = new InputStreamReader(config.conf().open(FILE), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                    .setIgnoreSurroundingSpaces(true).get().parse(r)) {
                String code = rec.get("kpi_code");
                Kpi k = KpiCatalog.byCode(code);
                if (k == null) {
                    throw Errors.of("conf/" + FILE + " line " + rec.getRecordNumber() + " names an unknown indicator '" + code + "'.",
                            "Targets must use the catalog's codes (see the kpi_catalog table).",
                            "Correct the code or delete the line.");
                }
                if (!rec.get("fin_year").matches("\\d{4}-\\d{2}")) {
                    throw Errors.of("conf/" + FILE + " line " + rec.getRecordNumber() + " has financial year '" + rec.get("fin_year") + "'.",
                            "Financial years are written like 2015-16.", "Correct the fin_year column.");
                }
                String basis = rec.get("basis").isBlank() ? null : rec.get("basis").trim();
                if (basis != null && k.bases().stream().noneMatch(b -> b.name().equals(basis))) {
                    throw Errors.of("conf/" + FILE + " line " + rec.getRecordNumber() + " sets a target for basis " + basis + " of " + code + ".",
                            code + " is reported on " + k.bases() + " only.", "Leave basis empty or use one of those.");
                }
                out.add(RowFactory.create(code, rec.get("fin_year"), basis, number(rec, "target"), number(rec, "amber_tolerance"),
                        rec.isMapped("source") ? rec.get("source") : null));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw Errors.of("conf/" + FILE + " cannot be read.", e.getMessage(),
                    "Restore the file with columns kpi_code,fin_year,target,amber_tolerance,source.", e);
        }
        return new KpiTargets(out);
    }

    private static double number(CSVRecord rec, String column) {
        try {
            return Double.parseDouble(rec.get(column));
        } catch (NumberFormatException e) {
            throw Errors.of("conf/" + FILE + " line " + rec.getRecordNumber() + ": " + column + " '" + rec.get(column) + "' is not a number.",
                    "Targets and tolerances are numbers in the indicator's unit (95 for 95%).", "Correct the value.");
        }
    }

    public List<Row> rows() { return rows; }

    public void register(SparkSession spark) {
        spark.createDataFrame(rows, SCHEMA).createOrReplaceTempView(VIEW);
    }
}
