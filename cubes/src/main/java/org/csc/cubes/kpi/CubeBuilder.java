package org.csc.cubes.kpi;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Materialises the KPI cube from the catalog: every indicator's members (record level, restricted)
 * and its values by period, basis, area and team. All indicators go through one plan, so the
 * whole cube is a handful of Spark jobs however many indicators there are.
 */
public final class CubeBuilder {
    public static final String MEMBERS = "kpi_members";
    public static final String VALUES = "kpi_values";
    /** The members' columns, in order (the lake's kpi_members has all but kind). */
    static final List<String> MEMBER_COLUMNS = List.of("kpi_code", "kind", "member_date", "member_key", "child_key", "team", "area",
            "num", "den", "extra");

    private final SparkSession spark;
    private final WarehouseConfig config;
    private final List<Kpi> catalog;

    private final Consumer<String> log;
    private MemberReuse reuse;

    public CubeBuilder(SparkSession spark, WarehouseConfig config, List<Kpi> catalog) {
        this(spark, config, catalog, s -> {});
    }

    public CubeBuilder(SparkSession spark, WarehouseConfig config, List<Kpi> catalog, Consumer<String> log) {
        this.spark = spark;
        this.config = config;
        this.catalog = catalog;
        this.log = log;
    }

    public record Cube(Dataset<Row> members, Dataset<Row> values) {}

    /**
     * Keep the last run's members of children whose star rows did not change ({@link MemberReuse});
     * after publishing, call {@link MemberReuse#record} on the returned object.
     */
    public MemberReuse reusing(Lake lake) {
        reuse = new MemberReuse(lake, config, log);
        return reuse;
    }

    /**
     * The star's tables must be registered as temp views (dim_date, dim_*, fct_*) before this is
     * called; a star table not yet built is evaluated as empty (StarTables).
     */
    public Cube build(YearMonth from, YearMonth to, String runId) {
        ReportingPeriods.build(spark, from, to).createOrReplaceTempView("kpi_periods");
        // One row per period and calendar month its window touches: members join on their month as well
        // as their basis, so each meets the few periods that can hold it, not every period of its basis.
        spark.sql("SELECT p.*, explode(sequence(trunc(p.window_start, 'MM'), trunc(p.window_end, 'MM'), interval 1 month)) AS window_month"
                + " FROM kpi_periods p").createOrReplaceTempView("kpi_period_months");
        List<Row> asat = ReportingPeriods.monthEnds(from, to).stream().map(d -> RowFactory.create(Date.valueOf(d))).toList();
        spark.createDataFrame(asat, new StructType().add("as_at", DataTypes.DateType)).createOrReplaceTempView("asat_dates");
        StarTables.ensureViews(spark, log);
        registerCatalog();
        registerPopulation();
        KpiTargets.load(config).register(spark);
        KpiParameters params = KpiParameters.load(config);
        MemberReuse.Plan plan = reuse == null ? null
                : reuse.plan(catalog, params, asat.stream().map(r -> r.getDate(0)).toList());
        Dataset<Row> members;
        if (plan == null || plan.full()) {
            if (plan != null) log.accept("  [cubes] every member computed: " + plan.reason());
            registerHelpers(params);
            // Evaluated once, eagerly, with its plan cut: the values, the restricted members table and the
            // workforce tables all read it, and re-planning a 35-way union for each costs more than the data.
            members = membersOf(catalog, params).localCheckpoint(true);
        } else {
            members = reuse.members(this, catalog, params, plan);
        }
        members.createOrReplaceTempView("kpi_members_all");

        Dataset<Row> values = spark.sql("""
                WITH daily AS (
                  -- Members summed by indicator, date, area and team before they meet the periods: each member
                  -- falls in up to 27 periods (month, quarter, year, rolling 12 months, year to date), and
                  -- joining 2.2 M members at scale 10 to them cost 29 s of CPU; these sums are 80,000 rows.
                  -- Sums of whole millionths add exactly, so the figures are the same as summing members.
                  SELECT kpi_code, kind, member_date, area, team,
                         %s AS num_u, %s AS den_u, %s AS extra_u
                  FROM kpi_members_all
                  GROUP BY kpi_code, kind, member_date, area, team),
                joined AS (
                  SELECT m.kpi_code, p.period_type, p.period_end, p.basis, m.area, m.team, m.num_u, m.den_u, m.extra_u, m.member_date
                  FROM daily m
                  JOIN kpi_catalog_bases b ON b.kpi_code = m.kpi_code
                  JOIN kpi_period_months p ON p.basis_family = b.basis AND p.window_month = trunc(m.member_date, 'MM')
                   AND m.member_date BETWEEN p.window_start AND p.window_end
                   AND (m.kind = 'EVENT' OR m.member_date = p.window_end)),
                agg AS (
                  SELECT kpi_code, period_type, period_end, basis,
                         CASE WHEN grouping(area) = 1 THEN 'All' ELSE area END AS area,
                         CASE WHEN grouping(team) = 1 THEN 'All' ELSE team END AS team,
                         -- Summed as whole millionths: a sum of doubles (FTEs) depends on the order rows arrive
                         -- in, and the same data must give the same figures whatever the plan or the cluster. A
                         -- sum of longs is exact; a decimal sum is too, but wider than 18 digits it is computed
                         -- with BigInteger, which took a fifth of the cube's time at scale 10.
                         sum(num_u) / 1000000D AS numerator, sum(den_u) / 1000000D AS denominator, sum(extra_u) / 1000000D AS extra,
                         count(DISTINCT member_date) AS member_dates
                  FROM joined
                  GROUP BY GROUPING SETS ((kpi_code, period_type, period_end, basis),
                                          (kpi_code, period_type, period_end, basis, area),
                                          (kpi_code, period_type, period_end, basis, area, team))),
                dense AS (
                  SELECT b.kpi_code, p.period_type, p.period_end, p.basis, 'All' AS area, 'All' AS team
                  FROM kpi_catalog_bases b JOIN kpi_periods p ON p.basis_family = b.basis),
                full AS (
                  SELECT d.kpi_code, d.period_type, d.period_end, d.basis, d.area, d.team,
                         coalesce(a.numerator, 0D) AS numerator, coalesce(a.denominator, 0D) AS denominator, a.extra,
                         coalesce(a.member_dates, 0L) AS member_dates
                  FROM dense d LEFT JOIN agg a USING (kpi_code, period_type, period_end, basis, area, team)
                  UNION ALL
                  SELECT * FROM agg WHERE NOT (area = 'All' AND team = 'All')),
                measured AS (
                  SELECT f.kpi_code, f.period_end, f.period_type, f.basis, f.area, f.team, f.numerator,
                         CASE WHEN c.unit = 'COUNT' THEN NULL
                              WHEN c.unit = 'PER_10K' THEN CASE WHEN f.area = 'All' THEN CAST(pop.population AS DOUBLE) END
                              WHEN c.denominator_rule = 'MONTHLY_AVERAGE' THEN CASE WHEN f.member_dates > 0 THEN f.denominator / f.member_dates ELSE 0D END
                              ELSE f.denominator END AS denominator,
                         CASE WHEN c.extra_measure IS NOT NULL THEN coalesce(f.extra, 0D) END AS extra,
                         c.extra_measure, c.unit, c.multiplier, c.polarity
                  FROM full f
                  JOIN kpi_catalog_units c ON c.kpi_code = f.kpi_code
                  LEFT JOIN ref_population pop ON pop.year = year(f.period_end)),
                valued AS (
                  SELECT m.*,
                         CASE WHEN m.unit = 'COUNT' THEN m.numerator
                              WHEN m.denominator > 0 THEN round(m.numerator / m.denominator * m.multiplier, 2) END AS value
                  FROM measured m)
                SELECT v.kpi_code, v.period_end, v.period_type, v.basis, v.area, v.team, v.numerator, v.denominator, v.value,
                       t.target,
                       CASE WHEN v.value IS NULL OR t.target IS NULL OR v.polarity = 'NONE' THEN NULL
                            WHEN v.polarity = 'HIGH' AND v.value >= t.target THEN 'GREEN'
                            WHEN v.polarity = 'HIGH' AND v.value >= t.target - t.amber_tolerance THEN 'AMBER'
                            WHEN v.polarity = 'LOW' AND v.value <= t.target THEN 'GREEN'
                            WHEN v.polarity = 'LOW' AND v.value <= t.target + t.amber_tolerance THEN 'AMBER'
                            ELSE 'RED' END AS rag,
                       v.extra, v.extra_measure, dd.fin_year, '%s' AS run_id
                FROM valued v
                LEFT JOIN dim_date dd ON dd.date = v.period_end
                LEFT JOIN kpi_targets t ON t.kpi_code = v.kpi_code AND t.fin_year = dd.fin_year AND (t.basis IS NULL OR t.basis = v.basis)
                """.formatted(micros("num"), micros("den"), micros("extra"), runId));
        return new Cube(members.drop("kind"), values);
    }

    /** The helper views, evaluated on the views registered now (each cached: several indicators read it). */
    void registerHelpers(KpiParameters params) {
        for (KpiCatalog.Helper h : KpiCatalog.HELPERS) {
            // A previous registration (an earlier pass, a test, a long-lived process) must not leave its data behind.
            if (spark.catalog().tableExists(h.name())) spark.table(h.name()).unpersist();
            spark.sql(params.apply(h.name(), h.sql())).cache().createOrReplaceTempView(h.name());
        }
    }

    /** The members of these indicators over the views registered now, in one union (columns {@link #MEMBER_COLUMNS}). */
    Dataset<Row> membersOf(List<Kpi> kpis, KpiParameters params) {
        List<String> parts = new ArrayList<>();
        for (Kpi k : kpis) {
            String dateExpr = k.kind() == Kpi.Kind.ASAT ? "m.as_at" : "m.event_date";
            String extra = k.extraMeasure() == null ? "CAST(NULL AS DOUBLE)" : "CAST(m.extra AS DOUBLE)";
            parts.add("SELECT '" + k.code() + "' AS kpi_code, '" + k.kind() + "' AS kind, " + dateExpr + " AS member_date, "
                    + "CAST(m.member_key AS STRING) AS member_key, m.child_key, coalesce(m.team, 'UNKNOWN') AS team, "
                    + "coalesce(m.area, 'UNKNOWN') AS area, CAST(m.num AS DOUBLE) AS num, CAST(m.den AS DOUBLE) AS den, "
                    + extra + " AS extra FROM (\n" + params.apply(k.code(), k.membersSql()) + "\n) m");
        }
        return spark.sql(String.join("\nUNION ALL\n", parts));
    }

    /**
     * The sum of a double column in whole millionths, as a long, the same whatever order its rows
     * arrive in: each value is rounded to whole millionths and the longs are added exactly, so partial
     * sums of it (by day, then by period) add up to the same total.
     */
    static String micros(String column) {
        return "sum(CAST(floor(" + column + " * 1000000D + 0.5D) AS BIGINT))";
    }

    private void registerCatalog() {
        List<Row> bases = new ArrayList<>();
        List<Row> units = new ArrayList<>();
        for (Kpi k : catalog) {
            for (Kpi.Basis b : k.bases()) bases.add(RowFactory.create(k.code(), b.name()));
            units.add(RowFactory.create(k.code(), k.unit().name(), k.unit().multiplier(), k.polarity().name(),
                    k.extraMeasure(), k.denominator().name()));
        }
        spark.createDataFrame(bases, new StructType().add("kpi_code", DataTypes.StringType).add("basis", DataTypes.StringType))
                .createOrReplaceTempView("kpi_catalog_bases");
        spark.createDataFrame(units, new StructType().add("kpi_code", DataTypes.StringType).add("unit", DataTypes.StringType)
                .add("multiplier", DataTypes.IntegerType).add("polarity", DataTypes.StringType).add("extra_measure", DataTypes.StringType)
                .add("denominator_rule", DataTypes.StringType)).createOrReplaceTempView("kpi_catalog_units");
        List<Row> forecast = catalog.stream().map(k -> RowFactory.create(k.code(), KpiForecast.method(k), k.polarity().name(),
                k.unit().name(), k.bases().contains(Kpi.Basis.YTD) ? "YTD" : "ASAT")).toList();
        spark.createDataFrame(forecast, new StructType().add("kpi_code", DataTypes.StringType).add("method", DataTypes.StringType)
                .add("polarity", DataTypes.StringType).add("unit", DataTypes.StringType).add("basis", DataTypes.StringType))
                .createOrReplaceTempView("kpi_catalog_forecast");
    }

    private void registerPopulation() {
        List<Row> rows = config.withPrefix("population.").keySet().stream()
                .map(k -> RowFactory.create(Integer.parseInt(k.substring("population.".length())), (long) config.integer(k)))
                .collect(Collectors.toList());
        spark.createDataFrame(rows, new StructType().add("year", DataTypes.IntegerType).add("population", DataTypes.LongType))
                .createOrReplaceTempView("ref_population");
    }

    /** The published catalog table, generated from the definitions. */
    public static List<Row> catalogRows(List<Kpi> catalog) {
        List<Row> out = new ArrayList<>();
        for (Kpi k : catalog) {
            out.add(RowFactory.create(k.code(), k.title(), k.description(), k.unit().name(), k.polarity().name(),
                    k.bases().stream().map(Enum::name).collect(Collectors.joining(" ")), k.kind().name(), k.extraMeasure(),
                    k.denominator().name(), KpiForecast.method(k)));
        }
        return out;
    }

    public static final StructType CATALOG_SCHEMA = new StructType()
            .add("kpi_code", DataTypes.StringType).add("title", DataTypes.StringType).add("description", DataTypes.StringType)
            .add("unit", DataTypes.StringType).add("polarity", DataTypes.StringType).add("bases", DataTypes.StringType)
            .add("kind", DataTypes.StringType).add("extra_measure", DataTypes.StringType)
            .add("denominator_rule", DataTypes.StringType).add("forecast_method", DataTypes.StringType);
}
