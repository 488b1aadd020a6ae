package org.csc.etl.quality;

/** ERROR: the record is wrong and distorts a statutory return or indicator; WARNING: worth a look. */
public enum DqSeverity { ERROR, WARNING }
