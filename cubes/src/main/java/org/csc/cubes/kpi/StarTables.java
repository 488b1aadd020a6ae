package org.csc.cubes.kpi;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The star tables the KPI catalog reads, with the columns of warehouse/STAR_SCHEMA.md (lineage
 * columns left out: no indicator reads them). Two uses: a star that is still being built (a fact
 * the conform job does not write yet) gets an empty view of the contract's shape, so every
 * indicator still evaluates (to zero) instead of failing the night; and tests build hand-made
 * fixtures against exactly these shapes.
 */
public final class StarTables {
    private StarTables() {}

    private static final DataType S = DataTypes.StringType, D = DataTypes.DateType, B = DataTypes.BooleanType,
            F = DataTypes.DoubleType, I = DataTypes.IntegerType;

    public static final Map<String, StructType> SCHEMAS = new LinkedHashMap<>();

    static {
        def("dim_child", "child_key", S, "date_of_birth", D, "dob_estimated", B, "gender_code", S, "ethnicity_code", S,
                "date_of_death", D, "record_system", S);
        def("dim_team", "team", S, "area", S);
        def("dim_worker", "worker_key", S, "valid_from", D, "valid_to", D, "team", S, "area", S, "job_title_code", S,
                "is_social_worker", B, "is_qualified", B, "fte", F, "is_agency", B, "max_caseload", F, "start_date", D, "end_date", D);
        def("fct_contact", "contact_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "contact_date", D,
                "source_code", S, "outcome_code", S, "is_new_referral", B);
        def("fct_referral", "referral_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "contact_key", S,
                "referral_date", D, "close_date", D, "source_code", S, "need_code", S, "is_nfa", B, "close_reason_code", S);
        def("fct_assessment", "assessment_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "referral_key", S,
                "assessment_type", S, "start_date", D, "completed_date", D, "authorised_date", D, "status_code", S,
                "child_seen", B, "is_counted", B);
        def("fct_strategy_discussion", "discussion_key", S, "child_key", S, "team", S, "area", S, "worker_key", S,
                "referral_key", S, "discussion_date", D);
        def("fct_s47", "s47_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "referral_key", S,
                "discussion_key", S, "strategy_date", D, "start_date", D, "end_date", D, "outcome_code", S);
        def("fct_conference", "conference_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "s47_key", S,
                "conference_type", S, "due_date", D, "conference_date", D, "strategy_date", D, "results_in_plan", B);
        def("fct_cp_plan", "plan_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "conference_key", S,
                "start_date", D, "end_date", D, "initial_category", S, "latest_category", S, "is_ola", B);
        def("fct_cp_review", "review_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "plan_key", S,
                "due_date", D, "review_date", D);
        def("fct_visit", "visit_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "visit_date", D,
                "note_type_code", S, "is_statutory", B, "visit_kind", S, "child_seen", B, "seen_alone", B);
        def("fct_period_of_care", "period_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "start_date", D, "end_date", D);
        def("fct_episode", "episode_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "period_key", S,
                "start_date", D, "end_date", D, "start_reason_code", S, "end_reason_code", S, "legal_status_code", S,
                "placement_type_code", S, "placement_provider_code", S, "distance_miles", F, "distance_raw", S, "need_code", S);
        def("fct_placement", "placement_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "period_key", S,
                "start_date", D, "end_date", D, "placement_type_code", S, "provider_code", S, "distance_miles", F, "distance_raw", S);
        def("fct_legal_status", "legal_status_key", S, "child_key", S, "team", S, "area", S, "worker_key", S,
                "start_date", D, "end_date", D, "legal_status_code", S);
        def("fct_health_check", "check_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "check_type", S,
                "due_date", D, "check_date", D, "status_code", S, "source_system", S);
        def("fct_care_leaver_contact", "contact_key", S, "child_key", S, "team", S, "area", S, "worker_key", S,
                "contact_date", D, "in_touch_code", S, "accommodation_code", S, "accommodation_suitable", B, "activity_code", S, "is_neet", B);
        def("fct_care_leaver_status", "child_key", S, "eligibility_code", S);
        def("fct_caf", "caf_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "start_date", D, "end_date", D,
                "lead_agency_code", S);
        def("fct_allocation", "allocation_key", S, "child_key", S, "team", S, "area", S, "worker_key", S, "start_date", D,
                "end_date", D, "role_code", S, "counts_to_caseload", B, "referral_key", S);
        def("fct_sickness", "month_end", D, "service", S, "fte", F, "days_lost", F);
        def("fct_child_month", "month_end", D, "child_key", S, "is_cin", B, "is_cp", B, "is_cla", B,
                "allocated_worker_key", S, "team", S, "area", S);
        def("fct_worker_week", "week_end", D, "worker_key", S, "team", S, "area", S, "job_title_code", S, "fte", F,
                "is_agency", B, "is_qualified", B, "caseload", I, "max_caseload", F, "over_max", B);
        // dim_date is built by warehouse's DateDimension (always present): not listed here.
    }

    private static void def(String table, Object... nameType) {
        StructType s = new StructType();
        for (int i = 0; i < nameType.length; i += 2) s = s.add((String) nameType[i], (DataType) nameType[i + 1], true);
        SCHEMAS.put(table, s);
    }

    /** Registers an empty view of the contract's shape for every star table not already a view; returns their names. */
    public static List<String> ensureViews(SparkSession spark, Consumer<String> log) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, StructType> e : SCHEMAS.entrySet()) {
            if (spark.catalog().tableExists(e.getKey())) continue;
            spark.createDataFrame(new ArrayList<Row>(), e.getValue()).createOrReplaceTempView(e.getKey());
            missing.add(e.getKey());
        }
        if (!missing.isEmpty()) {
            log.accept("  [cubes] star tables not built yet, evaluated as empty: " + String.join(", ", missing));
        }
        return missing;
    }
}
