package org.csc.warehouse.errors;

import java.nio.file.Path;

/** The single place that builds user-facing errors: each says the problem, the cause and the fix. */
public final class Errors {
    private Errors() {}

    public static CscException of(String problem, String cause, String fix) {
        return new CscException(problem, cause, fix, null);
    }

    public static CscException of(String problem, String cause, String fix, Throwable underlying) {
        return new CscException(problem, cause, fix, underlying);
    }

    public static CscException missingKey(String key) {
        return of("Configuration key '" + key + "' is not set.",
                "No value in conf/warehouse.properties, the --config file, a CSC_ environment variable or a -D option.",
                "Add '" + key + "=...' to conf/warehouse.properties or pass -D" + key + "=... .");
    }

    public static CscException invalidKey(String key, String value, String expected) {
        return of("Configuration key '" + key + "' has an invalid value '" + value + "'.",
                "Expected " + expected + ".",
                "Correct '" + key + "' in the configuration file, environment (" + ConfigNames.envName(key) + ") or -D option.");
    }

    public static CscException missingFile(String what, Path path) {
        return of(what + " not found: " + path,
                "The path does not exist or is not readable by this user.",
                "Check the path (and the configuration key that sets it), or create the file.");
    }

    public static CscException io(String what, Path path, Throwable e) {
        return of("Could not " + what + ": " + path,
                e.getClass().getSimpleName() + ": " + e.getMessage(),
                "Check the disk space and permissions of the directory, then run again.", e);
    }

    /** Small holder so the error text can name the environment variable without a config dependency. */
    public static final class ConfigNames {
        private ConfigNames() {}
        public static String envName(String key) {
            return "CSC_" + key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        }
    }
}
