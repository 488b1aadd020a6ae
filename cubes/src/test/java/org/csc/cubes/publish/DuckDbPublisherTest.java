package org.csc.cubes.publish;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A reader querying cubes.duckdb in a loop while it is republished never fails (temp file + rename). */
class DuckDbPublisherTest {
    @TempDir Path tmp;

    @Test
    void readersNeverSeeAHalfWrittenFile() throws Exception {
        Path target = tmp.resolve("cubes.duckdb");
        StructType schema = new StructType().add("n", DataTypes.IntegerType);
        publish(target, 0, schema);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            Properties p = new Properties();
            p.setProperty("duckdb.read_only", "true");
            while (!done.get()) {
                try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + target, p); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM kpi_values")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1000);
                    reads.incrementAndGet();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        });
        reader.start();
        for (int run = 1; run <= 8; run++) publish(target, run, schema);
        done.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
    }

    private static void publish(Path target, int run, StructType schema) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) rows.add(RowFactory.create(i + run));
        new DuckDbPublisher().add(DuckDbPublisher.Table.rows("kpi_values", schema, rows)).publish(target, "run-" + run, false);
    }
}
