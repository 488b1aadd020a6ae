package org.csc.warehouse.config;

import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Layered configuration: -D / CLI overrides, then CSC_* environment variables, then the
 * --config file, then conf/warehouse.properties. Getters fail fast naming the key.
 */
public final class WarehouseConfig {
    public static final String DEFAULTS = "warehouse.properties";

    private final Configuration config;
    private final Path baseDir;
    private final ConfDir confDir;

    private WarehouseConfig(Configuration config, Path baseDir, ConfDir confDir) {
        this.config = config;
        this.baseDir = baseDir;
        this.confDir = confDir;
    }

    /** Defaults only (plus system properties prefixed csc.*), as tests and the demo use them. */
    public static WarehouseConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Path configFile;
        private Map<String, String> env = System.getenv();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Path baseDir = Path.of("").toAbsolutePath();
        private ConfDir confDir = ConfDir.locate();

        public Builder configFile(Path file) { this.configFile = file; return this; }
        public Builder env(Map<String, String> env) { this.env = env; return this; }
        public Builder override(String key, String value) { if (value != null) overrides.put(key, value); return this; }
        public Builder overrides(Map<String, String> values) { values.forEach(this::override); return this; }
        public Builder baseDir(Path dir) { this.baseDir = dir.toAbsolutePath(); return this; }
        public Builder confDir(Path dir) { this.confDir = new ConfDir(dir); return this; }

        public WarehouseConfig build() {
            PropertiesConfiguration defaults = confDir.properties(DEFAULTS);
            CompositeConfiguration composite = new CompositeConfiguration();
            Map<String, Object> top = new LinkedHashMap<>();
            System.getProperties().forEach((k, v) -> {
                String key = k.toString();
                if (key.startsWith("csc.")) top.put(key.substring(4), v.toString());
            });
            top.putAll(overrides);
            composite.addConfiguration(new MapConfiguration(top));
            composite.addConfiguration(new MapConfiguration(fromEnv(env, defaults)));
            if (configFile != null) {
                if (!Files.isReadable(configFile)) throw Errors.missingFile("Configuration file (--config)", configFile);
                try {
                    composite.addConfiguration(new Configurations().properties(configFile.toFile()));
                } catch (ConfigurationException e) {
                    throw Errors.of("Configuration file " + configFile + " cannot be read.", e.getMessage(),
                            "Fix the syntax (key=value lines, # comments) and run again.", e);
                }
            }
            composite.addConfiguration(defaults);
            return new WarehouseConfig(composite, baseDir, confDir);
        }
    }

    /** CSC_LAKE_DIR -> lake.dir; a variable naming a known key keeps that key's spelling. */
    static Map<String, Object> fromEnv(Map<String, String> env, Configuration known) {
        Map<String, String> byEnvName = new TreeMap<>();
        known.getKeys().forEachRemaining(k -> byEnvName.put(Errors.ConfigNames.envName(k), k));
        Map<String, Object> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (!name.startsWith("CSC_") || name.equals("CSC_HOME") || name.equals("CSC_JAVA_OPTS")) return;
            String key = byEnvName.getOrDefault(name, name.substring(4).toLowerCase().replace('_', '.'));
            out.put(key, value);
        });
        return out;
    }

    public String string(String key) {
        String v = config.getString(key, null);
        if (v == null || v.isBlank()) throw Errors.missingKey(key);
        return v.trim();
    }

    public String string(String key, String fallback) {
        String v = config.getString(key, null);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public boolean has(String key) {
        String v = config.getString(key, null);
        return v != null && !v.isBlank();
    }

    public int integer(String key) {
        String v = string(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw Errors.invalidKey(key, v, "a whole number");
        }
    }

    public double decimal(String key) {
        String v = string(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw Errors.invalidKey(key, v, "a number");
        }
    }

    public boolean bool(String key) {
        String v = string(key).toLowerCase();
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw Errors.invalidKey(key, v, "true or false");
    }

    public LocalDate date(String key) {
        String v = string(key);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw Errors.invalidKey(key, v, "a date written yyyy-MM-dd");
        }
    }

    /** Comma-separated list; empty when the key is absent or blank. */
    public List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String s : config.getStringArray(key)) {
            for (String part : s.split(",")) if (!part.isBlank()) out.add(part.trim());
        }
        return out;
    }

    public List<LocalDate> dates(String key) {
        List<LocalDate> out = new ArrayList<>();
        for (String v : list(key)) {
            try {
                out.add(LocalDate.parse(v));
            } catch (DateTimeParseException e) {
                throw Errors.invalidKey(key, v, "dates written yyyy-MM-dd, separated by commas");
            }
        }
        return out;
    }

    /** A path key, resolved against the base directory when relative. */
    public Path path(String key) {
        Path p = Path.of(string(key));
        return p.isAbsolute() ? p.normalize() : baseDir.resolve(p).normalize();
    }

    /** Every key under a prefix, with the prefix kept, in key order. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        Iterator<String> keys = config.getKeys();
        while (keys.hasNext()) {
            String k = keys.next();
            if (k.startsWith(prefix)) out.put(k, config.getString(k));
        }
        return out;
    }

    public ConfDir conf() { return confDir; }

    public Path baseDir() { return baseDir; }

    public WarehouseConfig with(String key, String value) {
        CompositeConfiguration c = new CompositeConfiguration();
        c.addConfiguration(new MapConfiguration(Map.of(key, value)));
        c.addConfiguration(config);
        return new WarehouseConfig(c, baseDir, confDir);
    }

    /** The conf/ directory: a council-editable folder, with the copy built into the jar as fallback. */
    public static final class ConfDir {
        private final Path dir;

        public ConfDir(Path dir) { this.dir = dir; }

        static ConfDir locate() {
            String home = System.getProperty("csc.home", System.getenv("CSC_HOME"));
            if (home == null) home = System.getProperty("csc.project.dir");
            Path d = home != null ? Path.of(home, "conf") : Path.of("conf");
            return new ConfDir(Files.isDirectory(d) ? d.toAbsolutePath() : null);
        }

        public Path dir() { return dir; }

        public InputStream open(String name) {
            try {
                if (dir != null && Files.isReadable(dir.resolve(name))) return Files.newInputStream(dir.resolve(name));
            } catch (IOException e) {
                throw Errors.io("read configuration file", dir.resolve(name), e);
            }
            InputStream in = WarehouseConfig.class.getClassLoader().getResourceAsStream("conf/" + name);
            if (in == null) throw Errors.missingFile("Configuration file conf/" + name, dir == null ? Path.of("conf", name) : dir.resolve(name));
            return in;
        }

        PropertiesConfiguration properties(String name) {
            PropertiesConfiguration p = new PropertiesConfiguration();
            try (InputStream in = open(name)) {
                p.read(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException | ConfigurationException e) {
                throw Errors.of("conf/" + name + " cannot be read.", e.getMessage(), "Fix the file's syntax.", e);
            }
            return p;
        }
    }
}
