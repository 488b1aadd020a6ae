package org.csc.etl.source;

import java.nio.charset.Charset;

/**
 * One case-management system as the warehouse reads it: its contract (tables, columns, keys) and
 * its file conventions. Staging is generic over this interface, so a third system is a new
 * implementation, not new staging code.
 */
public interface SourceSystem {
    /** The landing folder name and the staging prefix: carefirst or liquidlogic. */
    String name();

    SourceContract contract();

    Charset charset();

    /** Turns one raw field into its contract type; null for the system's null spellings. */
    Object parse(ColumnType type, String raw) throws ValueException;

    /** True when an ID field holds the system's "link to nothing" marker. */
    default boolean isUnknownId(String raw) { return false; }

    /** Splits a _DELETIONS.csv PRIMARY_KEY into the table's key values (composite keys use '|'). */
    default String[] splitKey(String primaryKey) { return primaryKey.split("\\|", -1); }
}
