package org.csc.etl.conform;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.csc.etl.source.SourceContract;
import org.csc.etl.source.SourceSystem;
import org.csc.warehouse.lake.Lake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Per-child conform. Every star row of a child follows from that child's staging rows (and the
 * rows they link to), so a night recomputes only the children whose rows changed and keeps the
 * rest of each table as it was. This class holds what that rests on, in one place:
 * <ul>
 *   <li>which steps are computed over all children every run ({@link #WHOLE}: identity and the
 *       workforce match across persons, caseloads count across children);</li>
 *   <li>which staging column names the person, and for the two tables without one, the parent
 *       table whose persons their rows belong to ({@link #PARENTS});</li>
 *   <li>the keys on which conform joins one person's rows to another's ({@link #LINKS}): children
 *       so joined are recomputed together, so a restricted view never misses a row it joins to.</li>
 * </ul>
 * A night's changed children are those of the staging rows its drops added, changed, moved or
 * deleted (found against the staging versions the last conform read), of identity matches that
 * changed, of workers whose history changed, and everything linked to them, now or at the last run.
 */
final class ChildScope {
    static final String STATE_PREFIX = "scope:";

    static final Set<String> WHOLE = Set.of("int_cf_client_root", "int_cf_person", "int_ll_person", "int_ll_name_candidates",
            "map_child", "dim_child", "dim_child_identity", "identity_match_report", "int_ll_team", "dim_team",
            "map_worker", "dim_worker", "fct_icpc_log", "fct_sickness", "int_asof", "fct_worker_week", "dq_unmapped_values");

    /** Tables without a person column: a row belongs to the persons of the parent rows with the same id. */
    record Parent(String table, String column, String parentTable, String parentColumn) {}

    static final List<Parent> PARENTS = List.of(
            new Parent("stg_liquidlogic__fact_form_answers", "fact_form_id", "stg_liquidlogic__fact_single_assessment", "fact_form_id"),
            new Parent("stg_liquidlogic__fact_cp_visit", "fact_casenote_id", "stg_liquidlogic__fact_casenotes", "fact_casenote_id"));

    /** A conform join from one person's row ({@code from.fk}) to another row ({@code to.pk}) of the same system. */
    record Link(String from, String fk, String to, String pk) {}

    static final List<Link> LINKS = List.of(
            new Link("stg_liquidlogic__fact_meetings", "fact_referral_id", "stg_liquidlogic__fact_referrals", "fact_referral_id"),
            new Link("stg_liquidlogic__fact_s47", "fact_strat_meeting_id", "stg_liquidlogic__fact_meetings", "fact_meeting_id"),
            new Link("stg_liquidlogic__fact_cp_conference", "fact_meeting_id", "stg_liquidlogic__fact_meetings", "fact_meeting_id"),
            new Link("stg_liquidlogic__fact_cp_conference", "fact_s47_id", "stg_liquidlogic__fact_s47", "fact_s47_id"),
            new Link("stg_liquidlogic__fact_cla_visit", "fact_casenote_id", "stg_liquidlogic__fact_casenotes", "fact_casenote_id"),
            new Link("stg_liquidlogic__fact_care_episodes", "fact_cla_placement_id", "stg_liquidlogic__fact_cla_placement", "fact_cla_placement_id"),
            new Link("stg_carefirst__referrals", "contact_no", "stg_carefirst__contacts", "contact_no"),
            new Link("stg_carefirst__assessments", "referral_no", "stg_carefirst__referrals", "referral_no"),
            new Link("stg_carefirst__s47_enquiries", "referral_no", "stg_carefirst__referrals", "referral_no"),
            new Link("stg_carefirst__conferences", "s47_no", "stg_carefirst__s47_enquiries", "s47_no"),
            new Link("stg_carefirst__registrations", "conference_no", "stg_carefirst__conferences", "conference_no"));

    /** Manual logs name their child by system and source id. */
    static final List<String> MANUAL = List.of("stg_manual__dental_checks", "stg_manual__icpc_tracker");

    /** The node standing for rows without a child: always recomputed, so whatever links to them is too. */
    static final String NO_CHILD = "";

    private ChildScope() {}

    /** The person column of a staged table (dim_person_id, client_no), or null. */
    static String personColumn(SourceContract.Table t) {
        String wanted = t.system().equals("carefirst") ? "client_no" : "dim_person_id";
        return t.columns().stream().anyMatch(c -> c.stagedName().equals(wanted)) ? wanted : null;
    }

    static List<SourceContract.Table> tables(List<SourceSystem> systems) {
        List<SourceContract.Table> out = new ArrayList<>();
        for (SourceSystem s : systems) out.addAll(s.contract().tables().values());
        return out;
    }

    /**
     * (system, person) of every staging row changed between each table's version at the last
     * conform ({@code before}; absent = not there then) and now: rows a new drop delivered (their
     * person now and at that version, so a row moved to another person counts for both) and rows
     * deleted since. {@code newDrops} are the drops applied since. Two Spark jobs whatever the
     * number of tables: the second finds earlier persons by key with a broadcast set, not a join
     * per table (each join's broadcast would be a job of its own).
     */
    static List<Row> changedPersons(Lake lake, List<SourceSystem> systems, Map<String, Long> before, Set<String> newDrops) {
        SparkSession spark = lake.spark();
        String drops = newDrops.isEmpty() ? "NULL" : String.join(", ", newDrops.stream().map(d -> "'" + d.replace("'", "''") + "'").toList());
        String deleted = SourceContract.Staging.DELETED_AT + " IS NOT NULL";
        Map<String, SourceContract.Table> byName = new HashMap<>();
        for (SourceContract.Table t : tables(systems)) byName.put(t.stagedTable(), t);
        List<String> now = new ArrayList<>();
        List<SourceContract.Table> changed = new ArrayList<>();
        Map<String, String> keyOf = new HashMap<>();
        Map<String, String> valueOf = new HashMap<>();
        for (SourceContract.Table t : tables(systems)) {
            String name = t.stagedTable();
            if (!lake.exists(name) || lake.version(name) == before.getOrDefault(name, -1L)) continue;
            String person = personColumn(t);
            Parent parent = PARENTS.stream().filter(p -> p.table().equals(name)).findFirst().orElse(null);
            if (person == null && parent == null) continue;
            String value = "CAST(" + (person != null ? person : parent.column()) + " AS BIGINT)";
            String key = "concat_ws('|', " + String.join(", ", t.primaryKey().stream().map(k -> "CAST(" + t.column(k).stagedName() + " AS STRING)").toList()) + ")";
            keyOf.put(name, key);
            valueOf.put(name, value);
            changed.add(t);
            String view = "scope_now_" + changed.size();
            lake.read(name).createOrReplaceTempView(view);
            // All rows are new when the table was not there; else the rows new drops delivered, and every deleted row.
            String rows = before.containsKey(name) ? "WHERE " + SourceContract.Staging.DROP + " IN (" + drops + ") OR " + deleted : "";
            now.add("SELECT '" + name + "' AS t, " + key + " AS k, " + value + " AS v, " + SourceContract.Staging.DROP + " IN (" + drops + ") AS delivered, "
                    + deleted + " AS del, false AS old FROM " + view + " " + rows);
            if (before.containsKey(name)) {
                String old = "scope_old_" + changed.size();
                lake.readVersion(name, before.get(name)).createOrReplaceTempView(old);
                now.add("SELECT '" + name + "', " + key + ", CAST(NULL AS BIGINT), false, true, true FROM " + old + " WHERE " + deleted);
            }
        }
        if (changed.isEmpty()) return List.of();
        Set<String> deletedBefore = new HashSet<>();
        List<Row> current = spark.sql(String.join(" UNION ALL ", now)).collectAsList();
        for (Row r : current) if (r.getBoolean(5)) deletedBefore.add(r.getString(0) + "\u0000" + r.getString(1));
        Map<String, Set<Long>> values = new HashMap<>();
        Set<String> deliveredKeys = new HashSet<>();
        for (Row r : current) {
            if (r.getBoolean(5)) continue;
            String tk = r.getString(0) + "\u0000" + r.getString(1);
            boolean newlyDeleted = r.getBoolean(4) && !deletedBefore.contains(tk);
            if (!before.containsKey(r.getString(0)) || r.getBoolean(3) || newlyDeleted) {
                if (!r.isNullAt(2)) values.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getLong(2));
                if (r.getBoolean(3)) deliveredKeys.add(tk);
            }
        }
        // The second job: the persons the delivered rows had before, and the persons of parent rows.
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Set<String>> keys = jsc.broadcast(deliveredKeys);
        spark.udf().register("scope_delivered_key", (UDF2<String, String, Boolean>) (t, k) -> keys.value().contains(t + "\u0000" + k), DataTypes.BooleanType);
        List<String> second = new ArrayList<>();
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < changed.size(); i++) {
            SourceContract.Table t = changed.get(i);
            String name = t.stagedTable();
            if (before.containsKey(name)) {
                second.add("SELECT '" + name + "' AS t, " + valueOf.get(name) + " AS v FROM scope_old_" + (i + 1)
                        + " WHERE scope_delivered_key('" + name + "', " + keyOf.get(name) + ")");
            }
        }
        if (!second.isEmpty()) {
            for (Row r : spark.sql(String.join(" UNION ALL ", second)).collectAsList()) {
                if (!r.isNullAt(1)) values.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getLong(1));
            }
        }
        List<String> parents = new ArrayList<>();
        for (Parent p : PARENTS) {
            Set<Long> links = values.get(p.table());
            if (links == null || links.isEmpty()) continue;
            SourceContract.Table parent = byName.get(p.parentTable());
            String view = "scope_parent_" + parents.size();
            lake.read(p.parentTable()).createOrReplaceTempView(view);
            parents.add("SELECT '" + parent.system() + "' AS system, CAST(" + personColumn(parent) + " AS BIGINT) AS person FROM " + view
                    + " WHERE " + p.parentColumn() + " IN (" + String.join(", ", links.stream().map(String::valueOf).toList()) + ")");
        }
        if (!parents.isEmpty()) out.addAll(spark.sql(String.join(" UNION ALL ", parents)).collectAsList());
        values.forEach((name, ids) -> {
            if (PARENTS.stream().anyMatch(p -> p.table().equals(name))) return;
            String system = byName.get(name).system();
            for (Long id : ids) out.add(org.apache.spark.sql.RowFactory.create(system, id));
        });
        return out;
    }

    /** Staging columns naming a worker: a row's worker key (and team) follows the worker's match. */
    static final Set<String> WORKER_COLUMNS = Set.of("worker_id", "dim_worker_id", "completed_by_user_id", "completed_by_user_staff_id");

    /** SQL giving (system, person) of every staging row (deleted ones too) that names one of the workers (system, source_id); null when none. */
    static String rowsOfWorkers(List<SourceSystem> systems, List<Row> workers) {
        if (workers.isEmpty()) return null;
        List<String> parts = new ArrayList<>();
        for (SourceContract.Table t : tables(systems)) {
            String person = personColumn(t);
            if (person == null) continue;
            List<String> ids = workers.stream().filter(w -> w.getString(0).equals(t.system())).map(w -> String.valueOf(w.getLong(1))).toList();
            if (ids.isEmpty()) continue;
            for (SourceContract.Column c : t.columns()) {
                if (!WORKER_COLUMNS.contains(c.stagedName())) continue;
                parts.add("SELECT '" + t.system() + "' AS system, CAST(" + person + " AS BIGINT) AS person FROM " + StagedViews.allView(t.stagedTable())
                        + " WHERE " + c.stagedName() + " IN (" + String.join(", ", ids) + ")");
            }
        }
        return parts.isEmpty() ? null : String.join(" UNION ALL ", parts);
    }

    /**
     * Pairs of different children whose rows conform joins through {@link #LINKS}, over the staging
     * views registered now ({@link #NO_CHILD} for rows without one), as "a>b" with a < b.
     */
    static Set<String> crossChildLinks(SparkSession spark) {
        List<String> parts = new ArrayList<>();
        for (Link l : LINKS) {
            String sys = l.from().startsWith("stg_carefirst") ? "carefirst" : "liquidlogic";
            String person = sys.equals("carefirst") ? "client_no" : "dim_person_id";
            parts.add("SELECT coalesce(ma.child_key, '') AS a, coalesce(mb.child_key, '') AS b FROM " + StagedViews.allView(l.from())
                    + " x JOIN " + StagedViews.allView(l.to()) + " y ON x." + l.fk() + " = y." + l.pk()
                    + " LEFT JOIN map_child ma ON ma.system = '" + sys + "' AND ma.source_id = x." + person
                    + " LEFT JOIN map_child mb ON mb.system = '" + sys + "' AND mb.source_id = y." + person);
        }
        Set<String> out = new TreeSet<>();
        for (Row r : spark.sql("SELECT DISTINCT least(a, b), greatest(a, b) FROM (" + String.join(" UNION ALL ", parts) + ") WHERE a <> b").collectAsList()) {
            out.add(r.getString(0) + ">" + r.getString(1));
        }
        return out;
    }

    /** The seeds and every child connected to them by an edge ("a>b"); {@link #NO_CHILD} counts as a seed. */
    static Set<String> closure(Set<String> seeds, Set<String> edges) {
        Map<String, List<String>> adj = new HashMap<>();
        for (String e : edges) {
            int i = e.indexOf('>');
            String a = e.substring(0, i);
            String b = e.substring(i + 1);
            adj.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
            adj.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
        }
        Set<String> out = new HashSet<>(seeds);
        out.add(NO_CHILD);
        Deque<String> todo = new ArrayDeque<>(out);
        while (!todo.isEmpty()) {
            for (String next : adj.getOrDefault(todo.pop(), List.of())) if (out.add(next)) todo.push(next);
        }
        out.remove(NO_CHILD);
        return out;
    }

    /**
     * The filters of one night's scope, as two SQL functions: {@code scope_kept_person(system, id)}
     * is true for a person of a child not recomputed, {@code scope_changed_child(key)} for a child
     * recomputed (or no child). Broadcast once, so restricting a view costs no extra job.
     */
    static void registerFilters(SparkSession spark, Map<String, long[]> keptPersons, Set<String> changed) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Map<String, long[]>> persons = jsc.broadcast(new LinkedHashMap<>(keptPersons));
        Broadcast<Set<String>> children = jsc.broadcast(new HashSet<>(changed));
        spark.udf().register("scope_kept_person", (UDF2<String, Long, Boolean>) (system, id) -> {
            if (id == null) return false;
            long[] ids = persons.value().get(system);
            return ids != null && Arrays.binarySearch(ids, id) >= 0;
        }, DataTypes.BooleanType);
        spark.udf().register("scope_changed_child", (UDF1<String, Boolean>) key -> key == null || children.value().contains(key), DataTypes.BooleanType);
    }

    /** A staging (or manual) frame restricted to the rows of recomputed children and of no child. */
    static Dataset<Row> restrict(Dataset<Row> rows, String system, String personColumn) {
        return rows.where(org.apache.spark.sql.functions.not(callUDF("scope_kept_person", lit(system), col(personColumn))));
    }

    static Dataset<Row> restrictManual(Dataset<Row> rows) {
        return rows.where(org.apache.spark.sql.functions.not(callUDF("scope_kept_person", col("ref_system"), col("ref_id"))));
    }

    /** Rows of recomputed children (and of no child). */
    static Column changedChild() {
        return callUDF("scope_changed_child", col("child_key"));
    }
}
