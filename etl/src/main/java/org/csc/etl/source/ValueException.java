package org.csc.etl.source;

/** A raw value the system's conventions cannot turn into its contract type: the row is quarantined. */
public final class ValueException extends Exception {
    public ValueException(String reason) {
        super(reason, null, false, false);
    }
}
