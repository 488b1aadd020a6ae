package org.csc.warehouse.config;

import org.csc.warehouse.errors.CscException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarehouseConfigTest {
    @TempDir Path tmp;

    @Test
    void defaultsComeFromConfWarehouseProperties() {
        WarehouseConfig c = WarehouseConfig.builder().env(Map.of()).baseDir(tmp).build();
        assertThat(c.string("spark.master")).isEqualTo("local[*]");
        assertThat(c.date("golive.date")).isEqualTo(LocalDate.of(2016, 4, 1));
        assertThat(c.path("lake.dir")).isEqualTo(tmp.resolve("lake"));
        assertThat(c.integer("population.2015")).isEqualTo(22720);
    }

    @Test
    void layersOverrideInOrderFileThenEnvThenCli() throws Exception {
        Path file = tmp.resolve("site.properties");
        Files.writeString(file, "lake.dir = /data/lake\nout.dir = /data/out\nlanding.dir = /data/landing\nauthority.name = From File\n");
        Map<String, String> env = Map.of("CSC_OUT_DIR", "/env/out", "CSC_LANDING_DIR", "/env/landing",
                "CSC_SPARK_SQL_SHUFFLE_PARTITIONS", "8", "PATH", "/usr/bin");
        WarehouseConfig c = WarehouseConfig.builder().configFile(file).env(env)
                .override("landing.dir", "/cli/landing").baseDir(tmp).build();
        assertThat(c.string("lake.dir")).isEqualTo("/data/lake");          // file beats defaults
        assertThat(c.string("out.dir")).isEqualTo("/env/out");             // env beats file
        assertThat(c.string("landing.dir")).isEqualTo("/cli/landing");     // CLI beats env
        assertThat(c.string("authority.name")).isEqualTo("From File");
        assertThat(c.integer("spark.sql.shuffle.partitions")).isEqualTo(8); // env name maps to the known key
        assertThat(c.string("spark.master")).isEqualTo("local[*]");        // untouched default
    }

    @Test
    void missingAndInvalidKeysFailNamingTheKey() {
        WarehouseConfig c = WarehouseConfig.builder().env(Map.of()).override("golive.date", "April 2016").build();
        assertThatThrownBy(() -> c.string("no.such.key")).isInstanceOf(CscException.class)
                .hasMessageContaining("'no.such.key'").hasMessageContaining("fix:");
        assertThatThrownBy(() -> c.date("golive.date")).isInstanceOf(CscException.class)
                .hasMessageContaining("'golive.date'").hasMessageContaining("yyyy-MM-dd").hasMessageContaining("CSC_GOLIVE_DATE");
    }

    @Test
    void missingConfigFileIsAClearError() {
        assertThatThrownBy(() -> WarehouseConfig.builder().configFile(tmp.resolve("nope.properties")).build())
                .isInstanceOf(CscException.class).hasMessageContaining("nope.properties");
    }

    @Test
    void closureDaysAreAList() {
        WarehouseConfig c = WarehouseConfig.builder().env(Map.of()).build();
        assertThat(c.dates("calendar.closure.days")).contains(LocalDate.of(2015, 12, 29)).hasSize(4);
    }
}
