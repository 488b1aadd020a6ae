package org.csc.etl.simulate;

/**
 * Recording defects the simulator injects. Names are stable: the data-quality audit (issue 6)
 * measures its recall and precision per class against {@code _truth/defects.csv}.
 * The weight multiplies the configured defect rate, because some real problems are far more
 * common than others (team names typed loosely) or defined by a share (the manual ICPC log's
 * optimism); probability = min(1, rate x weight), and rate 0 injects nothing.
 */
public enum DefectClass {
    LATE_RECORDING(3, "event entered into the case system long (30-150 days) after it happened"),
    STAT_VISIT_AS_CASE_NOTE(8, "statutory CP or looked-after visit recorded as a general case note with a subject such as 'stat visit'"),
    MISSING_MANDATORY(1, "a mandatory field (contact or referral source, gender) left blank"),
    INVALID_CODE(1, "a coded value that is not in codes.csv (category of need, placement type)"),
    DATES_OUT_OF_ORDER(1, "ICPC recorded before its strategy discussion, or a CAF end date before its start"),
    DUPLICATE_PERSON(1, "a second person record for a known child: Care First MERGED_INTO, Liquid Logic DUPLICATED_DTTM"),
    MINUS_ONE_LINK(1, "a Liquid Logic link written as -1 (unknown) where the record exists"),
    ORPHAN_LINK(1, "a link to a record that does not exist in the drop"),
    TEAM_NAME_VARIANT(5, "Care First free-text team typed as a variant of the canonical name (Area 1, AREA1, Locality 1, ...)"),
    PLACEHOLDER_POSTCODE(1, "home postcode recorded as a placeholder (ZZ99 9ZZ, XX)"),
    DISTANCE_NOT_NUMERIC(3, "placement distance typed as words ('out of area', 'unknown', 'approx 12')"),
    UNPARSEABLE_VALUE(1, "an impossible date such as 31/02/2015 that cannot be parsed"),
    ICPC_LOG_WRONG_YN(32, "manual ICPC tracker says Y for a conference that was not within 15 working days"),
    DENTAL_ONLY_IN_MANUAL_LOG(10, "dental check recorded only in the manual dental log, not in the case system"),
    MIGRATED_WITHOUT_LEGACY_ID(1, "child migrated from Care First to Liquid Logic without LEGACY_ID");

    private final double weight;
    private final String description;

    DefectClass(double weight, String description) {
        this.weight = weight;
        this.description = description;
    }

    public double weight() { return weight; }
    public String description() { return description; }

    public double probability(double rate) {
        return Math.min(1.0, rate * weight);
    }
}
