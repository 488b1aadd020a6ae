package org.csc.etl.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.csc.etl.conform.ConformJob;
import org.csc.etl.conform.Mappings;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.etl.stage.QuarantineRow;
import org.csc.warehouse.calendar.DateDimension;
import org.csc.warehouse.calendar.WorkingCalendar;
import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.lake.Lake;
import org.csc.warehouse.lake.Parallel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Helper views the rules share, so that each rule's SQL says only what it checks. For every
 * staging table {@code stg_<system>__<table>} there is {@code dq_<system>__<table>}: the same rows
 * plus {@code _child_key} (pseudonymous), {@code _worker_key}, {@code _team} (canonical, or UNKNOWN)
 * and, for Liquid Logic, {@code _entered_in_ll} (false for history migrated from Care First, which
 * the Care First rules already check where it was recorded). Also: dim_date, the manual logs, each team's usual Care First spelling,
 * the quarantine, and the mappings when conform has not registered them in this session.
 */
public final class DqViews {
    static final Set<String> CHILD_COLUMNS = Set.of("client_no", "dim_person_id");
    static final List<String> CF_WORKER_COLUMNS = List.of("worker_id");
    static final List<String> LL_WORKER_COLUMNS = List.of("dim_worker_id", "completed_by_user_id", "completed_by_user_staff_id");
    static final List<String> LL_DEPT_COLUMNS = List.of("dim_department_id", "completed_by_dept_id", "organised_by_dept_id");
    /** The identity views each system's enriched views join: what they add to a staging row depends on these alone. */
    static final Map<String, List<String>> IDENTITY_VIEWS = Map.of(
            "carefirst", List.of("dq_cf_child", "dq_cf_worker", "dq_cf_client_team", "map_teams"),
            "liquidlogic", List.of("dq_ll_child", "dq_ll_dept", "dq_ll_worker", "dq_ll_person_team"));

    private DqViews() {}

    public static void register(SparkSession spark, WarehouseConfig config, Lake lake, List<SourceSystem> systems) {
        register(spark, config, lake, systems, null);
    }

    /** @param used enriched views the rules read (materialised once); null = all, lazily */
    public static void register(SparkSession spark, WarehouseConfig config, Lake lake, List<SourceSystem> systems, Set<String> used) {
        registerInputs(spark, config, lake, systems);
        registerEnriched(spark, config, systems, used);
    }

    /** Everything but the enriched staging views: staging, mappings, calendar, quarantine, identity views and manual logs. */
    static void registerInputs(SparkSession spark, WarehouseConfig config, Lake lake, List<SourceSystem> systems) {
        String salt = config.string("identity.salt");
        spark.udf().register("norm_key", (UDF1<String, String>) Mappings::normalise, DataTypes.StringType);
        spark.udf().register("norm_text", (UDF1<String, String>) ConformJob::normaliseName, DataTypes.StringType);
        if (!exists(spark, "map_codes") || !exists(spark, "map_teams")) Mappings.register(spark, config);
        if (!exists(spark, "dim_date")) DateDimension.build(spark, WorkingCalendar.from(config)).createOrReplaceTempView("dim_date");
        for (SourceSystem s : systems) {
            for (SourceContract.Table t : s.contract().tables().values()) {
                if (!exists(spark, t.stagedTable())) {
                    Dataset<Row> ds = lake != null && lake.exists(t.stagedTable()) ? lake.read(t.stagedTable())
                            : spark.createDataFrame(List.of(), t.stagedSchema());
                    ds.createOrReplaceTempView(t.stagedTable());
                }
            }
        }
        if (!exists(spark, "etl_quarantine")) {
            (lake != null && lake.exists("etl_quarantine") ? lake.read("etl_quarantine")
                    : spark.createDataFrame(List.of(), QuarantineRow.SCHEMA)).createOrReplaceTempView("etl_quarantine");
        }
        identities(spark, salt);
        ManualLogs.register(spark, config);
    }

    /** The enriched staging views ({@code dq_<system>__<table>}) in {@code used}, materialised side by side; null = all, lazily. */
    static void registerEnriched(SparkSession spark, WarehouseConfig config, List<SourceSystem> systems, Set<String> used) {
        Map<String, Dataset<Row>> toMaterialise = new LinkedHashMap<>();
        for (SourceSystem s : systems) {
            for (SourceContract.Table t : s.contract().tables().values()) {
                String view = enrichedView(s.name(), t);
                if (used != null && !used.contains(view)) continue;
                Dataset<Row> ds = spark.sql(enrichedSql(s.name(), t, config));
                if (used != null) toMaterialise.put(view, ds);
                else ds.createOrReplaceTempView(view);
            }
        }
        // Each is a small job that keeps one core busy: run side by side, they keep both busy.
        Map<String, Dataset<Row>> done = new ConcurrentHashMap<>();
        List<Runnable> jobs = new ArrayList<>();
        toMaterialise.forEach((view, ds) -> jobs.add(() -> done.put(view, ds.localCheckpoint(true))));
        Parallel.runAll(jobs, config.integer("lake.writers"));
        toMaterialise.keySet().forEach(view -> done.get(view).createOrReplaceTempView(view));
    }

    static String enrichedView(String system, SourceContract.Table t) {
        return "dq_" + system + "__" + t.name().toLowerCase();
    }

    /**
     * Identity views are small (one row per person, worker or team) but every rule joins them:
     * materialising them once keeps each rule's plan short, which is what makes one pass over
     * the whole catalog cheap to plan and run.
     */
    private static void materialise(Dataset<Row> ds, String view) {
        ds.localCheckpoint(true).createOrReplaceTempView(view);
    }

    static boolean exists(SparkSession spark, String view) {
        return spark.catalog().tableExists(view);
    }

    /** Child, worker and team of each source id; falls back to salted hashes when conform's maps are absent. */
    private static void identities(SparkSession spark, String salt) {
        String hash = "concat('%s', substr(sha2(concat('" + salt.replace("'", "''") + "', %s), 256), 1, 16))";
        boolean mapChild = exists(spark, "map_child");
        boolean mapWorker = exists(spark, "map_worker");
        materialise(spark.sql(mapChild
                ? "SELECT c.client_no, m.child_key FROM stg_carefirst__clients c LEFT JOIN map_child m ON m.system = 'carefirst' AND m.source_id = c.client_no"
                : "SELECT client_no, " + hash.formatted("C", "concat('CF:', coalesce(merged_into, client_no))") + " AS child_key FROM stg_carefirst__clients"), "dq_cf_child");
        materialise(spark.sql(mapChild
                ? "SELECT p.dim_person_id, m.child_key, (p.legacy_id IS NOT NULL OR m.rule IN ('LEGACY_ID', 'NAME_AND_DOB', 'NAME_AND_DOB_AMBIGUOUS', 'LEGACY_ID_NOT_FOUND')) AS migrated "
                  + "FROM stg_liquidlogic__dim_person p LEFT JOIN map_child m ON m.system = 'liquidlogic' AND m.source_id = p.dim_person_id"
                : "SELECT dim_person_id, CASE WHEN duplicated_dttm IS NULL THEN " + hash.formatted("C",
                        "CASE WHEN try_cast(trim(legacy_id) AS BIGINT) IS NOT NULL THEN concat('CF:', try_cast(trim(legacy_id) AS BIGINT)) ELSE concat('LL:', dim_person_id) END")
                  + " END AS child_key, "
                  + "legacy_id IS NOT NULL AS migrated FROM stg_liquidlogic__dim_person"), "dq_ll_child");
        materialise(spark.sql("SELECT d.dim_department_id, coalesce(t.team, 'UNKNOWN') AS team, t.team IS NOT NULL AS mapped "
                + "FROM stg_liquidlogic__dim_department d LEFT JOIN map_teams t ON t.variant_norm = norm_key(d.name)"), "dq_ll_dept");
        String cfWorkerKey = mapWorker ? "m.worker_key" : hash.formatted("W", "concat('CF:', w.worker_id)");
        materialise(spark.sql("SELECT w.worker_id, " + cfWorkerKey + " AS worker_key, coalesce(t.team, 'UNKNOWN') AS team "
                + "FROM stg_carefirst__workers w LEFT JOIN map_teams t ON t.variant_norm = norm_key(w.team)"
                + (mapWorker ? " LEFT JOIN map_worker m ON m.system = 'carefirst' AND m.source_id = w.worker_id" : "")), "dq_cf_worker");
        String llWorkerKey = mapWorker ? "m.worker_key" : hash.formatted("W", "concat('LL:', w.dim_worker_id)");
        materialise(spark.sql("SELECT w.dim_worker_id, " + llWorkerKey + " AS worker_key, coalesce(d.team, 'UNKNOWN') AS team "
                + "FROM stg_liquidlogic__dim_worker w LEFT JOIN dq_ll_dept d ON d.dim_department_id = w.dim_department_id"
                + (mapWorker ? " LEFT JOIN map_worker m ON m.system = 'liquidlogic' AND m.source_id = w.dim_worker_id" : "")), "dq_ll_worker");
        // Each team's Care First spelling is the one its records use most; any other spelling is a variant.
        materialise(spark.sql("SELECT team, spelling FROM (SELECT m.team, x.raw AS spelling, row_number() OVER (PARTITION BY m.team "
                + "ORDER BY count(*) DESC, x.raw) AS rn FROM (SELECT team AS raw FROM stg_carefirst__contacts UNION ALL SELECT team FROM "
                + "stg_carefirst__referrals UNION ALL SELECT team FROM stg_carefirst__assessments UNION ALL SELECT team FROM stg_carefirst__s47_enquiries) x "
                + "JOIN map_teams m ON m.variant_norm = norm_key(x.raw) GROUP BY m.team, x.raw) WHERE rn = 1"), "dq_cf_team_spelling");
        // A record with no team of its own belongs to the team of the child's latest allocated worker.
        materialise(spark.sql("SELECT client_no, team FROM (SELECT a.client_no, w.team, row_number() OVER (PARTITION BY a.client_no "
                + "ORDER BY a.start_date DESC, a.allocation_no DESC) AS rn FROM stg_carefirst__allocations a "
                + "JOIN dq_cf_worker w ON w.worker_id = a.worker_id) WHERE rn = 1"), "dq_cf_client_team");
        materialise(spark.sql("SELECT dim_person_id, team FROM (SELECT i.dim_person_id, coalesce(d.team, w.team) AS team, row_number() OVER "
                + "(PARTITION BY i.dim_person_id ORDER BY i.start_dttm DESC, i.fact_involvements_id DESC) AS rn "
                + "FROM stg_liquidlogic__fact_involvements i LEFT JOIN dq_ll_dept d ON d.dim_department_id = i.dim_department_id "
                + "LEFT JOIN dq_ll_worker w ON w.dim_worker_id = i.dim_worker_id) WHERE rn = 1"), "dq_ll_person_team");
    }

    /** The enriched view's query: its text is part of the rules' fingerprints, so a change to it reruns them. */
    static String enrichedSql(String system, SourceContract.Table t, WarehouseConfig config) {
        List<String> cols = t.columns().stream().map(SourceContract.Column::stagedName).toList();
        boolean cf = system.equals("carefirst");
        List<String> joins = new ArrayList<>();
        String child = "CAST(NULL AS STRING)";
        String worker = "CAST(NULL AS STRING)";
        String team = null;
        String personCol = cf ? "client_no" : "dim_person_id";
        boolean isPersonTable = t.primaryKey().get(0).equalsIgnoreCase(personCol);
        if (cols.contains(personCol)) {
            joins.add("LEFT JOIN " + (cf ? "dq_cf_child" : "dq_ll_child") + " _c ON _c." + personCol + " = t." + personCol);
            child = "_c.child_key";
        }
        String workerCol = (cf ? CF_WORKER_COLUMNS : LL_WORKER_COLUMNS).stream().filter(cols::contains).findFirst().orElse(null);
        if (workerCol != null && !(cf ? "workers" : "dim_worker").equals(t.name().toLowerCase())) {
            joins.add("LEFT JOIN " + (cf ? "dq_cf_worker _w ON _w.worker_id" : "dq_ll_worker _w ON _w.dim_worker_id") + " = t." + workerCol);
            worker = "_w.worker_key";
        }
        if (cf && cols.contains("team")) {
            joins.add("LEFT JOIN map_teams _t ON _t.variant_norm = norm_key(t.team)");
            team = "_t.team";
        } else if (!cf) {
            String dept = LL_DEPT_COLUMNS.stream().filter(cols::contains).findFirst().orElse(null);
            if (dept != null) {
                joins.add("LEFT JOIN dq_ll_dept _d ON _d.dim_department_id = t." + dept);
                team = "_d.team";
            }
        }
        if (team == null && worker.startsWith("_w")) team = "_w.team";
        if (cols.contains(personCol) && !isPersonTable) {
            joins.add("LEFT JOIN " + (cf ? "dq_cf_client_team _pt ON _pt.client_no" : "dq_ll_person_team _pt ON _pt.dim_person_id") + " = t." + personCol);
            team = team == null ? "_pt.team" : "coalesce(" + team + ", _pt.team)";
        } else if (isPersonTable) {
            joins.add("LEFT JOIN " + (cf ? "dq_cf_client_team _pt ON _pt.client_no" : "dq_ll_person_team _pt ON _pt.dim_person_id") + " = t." + personCol);
            team = "_pt.team";
        }
        String teamExpr = team == null ? "'UNKNOWN'" : "coalesce(" + team + ", 'UNKNOWN')";
        String entered = "";
        if (!cf) {
            String golive = "DATE'" + config.date("golive.date") + "'";
            // Without a created date, a record that started after go-live cannot be migrated history.
            String start = List.of("start_dttm", "episode_start_dttm", "care_start_date").stream().filter(cols::contains).findFirst().orElse(null);
            entered = cols.contains("created_dttm") ? ", coalesce(t.created_dttm >= " + golive + ", true) AS _entered_in_ll"
                    : isPersonTable ? ", NOT coalesce(_c.migrated, false) AS _entered_in_ll"
                    : start != null ? ", coalesce(t." + start + " >= " + golive + ", true) AS _entered_in_ll"
                    : ", true AS _entered_in_ll";
        }
        return "SELECT t.*, " + child + " AS _child_key, " + worker + " AS _worker_key, " + teamExpr + " AS _team" + entered
                + " FROM " + t.stagedTable() + " t " + String.join(" ", joins);
    }
}
