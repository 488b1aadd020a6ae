package org.csc.cubes.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.csc.cubes.kpi.CubeBuilder;
import org.csc.cubes.kpi.Kpi;
import org.csc.cubes.kpi.KpiBenchmarks;
import org.csc.cubes.kpi.KpiForecast;
import org.csc.cubes.kpi.KpiRestatement;
import org.csc.cubes.kpi.KpiTargets;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Everything the cubes publish, from one built cube: materialises the KPI tables in the lake
 * (Delta), records the run in the restatement history, then writes out/cubes.duckdb (aggregates
 * only: no child or worker keys) and out/restricted.duckdb (owner-only: members and worker-level
 * caseloads), each atomically.
 */
public final class CubePublisher {
    public static final String CUBES_FILE = "cubes.duckdb";
    public static final String RESTRICTED_FILE = "restricted.duckdb";
    public static final String CASELOAD_WEEKLY = "caseload_weekly";
    public static final String CASELOAD_WORKERS = "caseload_workers";
    public static final String WORKFORCE_MONTHLY = "workforce_monthly";

    private final SparkSession spark;
    private final Lake lake;
    private final WarehouseConfig config;
    private final List<Kpi> catalog;
    private final Consumer<String> out;

    public CubePublisher(Lake lake, WarehouseConfig config, List<Kpi> catalog, Consumer<String> out) {
        this.spark = lake.spark();
        this.lake = lake;
        this.config = config;
        this.catalog = catalog;
        this.out = out;
    }

    public record Result(long kpiRows, Path cubes, Path restricted) {}

    /**
     * The cube must have been built in this session (its views, the star's views and dim_date are
     * registered). extraPublic / extraRestricted: further lake tables for cubes.duckdb (data-quality
     * results) and restricted.duckdb (identity matches, findings).
     */
    public Result publish(CubeBuilder.Cube cube, String runId, Path outDir, Map<String, Dataset<Row>> extraRestricted) {
        return publish(cube, runId, outDir, Map.of(), extraRestricted);
    }

    public Result publish(CubeBuilder.Cube cube, String runId, Path outDir, Map<String, Dataset<Row>> extraPublic,
                          Map<String, Dataset<Row>> extraRestricted) {
        KpiBenchmarks benchmarks = KpiBenchmarks.load(config);
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(CubeBuilder.VALUES, cube.values());
        tables.put(CubeBuilder.MEMBERS, cube.members());
        tables.put(CASELOAD_WEEKLY, spark.sql(CASELOAD_WEEKLY_SQL));
        tables.put(CASELOAD_WORKERS, spark.sql("SELECT * FROM fct_worker_week"));
        tables.put(WORKFORCE_MONTHLY, spark.sql(WORKFORCE_MONTHLY_SQL));
        lake.overwriteAll(tables, config.integer("lake.writers"));

        Dataset<Row> values = lake.read(CubeBuilder.VALUES);
        KpiRestatement.record(lake, values, runId);
        lake.overwriteAll(Map.of(KpiRestatement.TABLE, KpiRestatement.build(lake, values),
                KpiForecast.TABLE, KpiForecast.build(spark, values)), config.integer("lake.writers"));
        long kpiRows = values.count();

        Path cubesFile = outDir.resolve(CUBES_FILE);
        Path restrictedFile = outDir.resolve(RESTRICTED_FILE);
        DuckDbPublisher pub = new DuckDbPublisher()
                .add(DuckDbPublisher.Table.rows("kpi_catalog", CubeBuilder.CATALOG_SCHEMA, CubeBuilder.catalogRows(catalog)))
                .add(DuckDbPublisher.Table.lake(CubeBuilder.VALUES, values))
                .add(DuckDbPublisher.Table.rows("kpi_targets", KpiTargets.SCHEMA, KpiTargets.load(config).rows()))
                .add(DuckDbPublisher.Table.rows(KpiBenchmarks.TABLE, KpiBenchmarks.SCHEMA, benchmarks.rows()))
                .add(DuckDbPublisher.Table.lake(KpiForecast.TABLE, lake.read(KpiForecast.TABLE)))
                .add(DuckDbPublisher.Table.lake(KpiRestatement.TABLE, lake.read(KpiRestatement.TABLE)))
                .add(DuckDbPublisher.Table.lake(CASELOAD_WEEKLY, lake.read(CASELOAD_WEEKLY)))
                .add(DuckDbPublisher.Table.lake(WORKFORCE_MONTHLY, lake.read(WORKFORCE_MONTHLY)));
        extraPublic.forEach((name, ds) -> pub.add(DuckDbPublisher.Table.lake(name, ds)));
        pub.then(TrendView.sql(benchmarks.comparators()));
        pub.publish(cubesFile, runId, false);

        DuckDbPublisher restricted = new DuckDbPublisher()
                .add(DuckDbPublisher.Table.lake(CubeBuilder.MEMBERS, lake.read(CubeBuilder.MEMBERS)))
                .add(DuckDbPublisher.Table.lake(CASELOAD_WORKERS, lake.read(CASELOAD_WORKERS)));
        extraRestricted.forEach((name, ds) -> restricted.add(DuckDbPublisher.Table.lake(name, ds)));
        restricted.publish(restrictedFile, runId, true);
        out.accept("[publish] " + cubesFile + ", " + restrictedFile + " (owner-only)");
        return new Result(kpiRows, cubesFile, restrictedFile);
    }

    /** Weekly caseloads by team, area and the authority (the caseload view of the ASAT measures). */
    static final String CASELOAD_WEEKLY_SQL = """
            SELECT week_end,
                   CASE WHEN grouping(area) = 1 THEN 'All' ELSE area END AS area,
                   CASE WHEN grouping(team) = 1 THEN 'All' ELSE team END AS team,
                   count(DISTINCT worker_key) AS workers,
                   count(DISTINCT CASE WHEN caseload > 0 THEN worker_key END) AS workers_with_cases,
                   round(sum(fte), 2) AS fte,
                   round(sum(CASE WHEN caseload > 0 THEN fte ELSE 0D END), 2) AS fte_with_cases,
                   sum(caseload) AS cases,
                   sum(CASE WHEN over_max THEN 1 ELSE 0 END) AS over_max_workers,
                   CASE WHEN sum(CASE WHEN caseload > 0 THEN fte ELSE 0D END) > 0
                        THEN round(sum(caseload) / sum(CASE WHEN caseload > 0 THEN fte ELSE 0D END), 2) END AS cases_per_fte
            FROM fct_worker_week
            GROUP BY GROUPING SETS ((week_end), (week_end, area), (week_end, area, team))
            """;

    /**
     * Month by month: sickness days per FTE for every HR service (the indicator counts the services
     * in its parameter; this table shows all), and the agency share of registered social worker FTE
     * by team and for the authority, at each reporting month end.
     */
    static final String WORKFORCE_MONTHLY_SQL = """
            SELECT s.month_end, d.fin_year, 'sickness_days_per_fte' AS measure, s.service, 'All' AS team,
                   s.days_lost AS numerator, s.fte AS denominator,
                   CASE WHEN s.fte > 0 THEN round(s.days_lost / s.fte, 2) END AS value
            FROM fct_sickness s LEFT JOIN dim_date d ON d.date = s.month_end
            UNION ALL
            SELECT w.as_at AS month_end, d.fin_year, 'agency_sw_fte_pct' AS measure, 'Social work' AS service,
                   CASE WHEN grouping(w.team) = 1 THEN 'All' ELSE w.team END AS team,
                   sum(CASE WHEN w.is_agency THEN w.fte ELSE 0D END) AS numerator, sum(w.fte) AS denominator,
                   CASE WHEN sum(w.fte) > 0 THEN round(100 * sum(CASE WHEN w.is_agency THEN w.fte ELSE 0D END) / sum(w.fte), 2) END AS value
            FROM kpi_h_worker_asat w LEFT JOIN dim_date d ON d.date = w.as_at
            WHERE w.is_qualified
            GROUP BY GROUPING SETS ((w.as_at, d.fin_year), (w.as_at, d.fin_year, w.team))
            """;

}
