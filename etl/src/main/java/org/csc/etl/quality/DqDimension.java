package org.csc.etl.quality;

/** The data-quality dimensions the audit reports by (DAMA-style, as the inspection used them). */
public enum DqDimension {
    COMPLETENESS, VALIDITY, TIMELINESS, CONSISTENCY, UNIQUENESS, INTEGRITY, CONFORMANCE, RECONCILIATION
}
