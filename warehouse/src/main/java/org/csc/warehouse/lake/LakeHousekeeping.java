package org.csc.warehouse.lake;

import org.csc.warehouse.config.WarehouseConfig;
import org.csc.warehouse.errors.Errors;
import org.csc.warehouse.spark.ScopedSparkConf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compacts tables grown by appends, then deletes the files of old table versions. Every overwrite leaves the previous version's files on
 * disk, where Delta keeps them for time travel: a scale-10 nightly rewrites most of the lake and
 * leaves about 140 MB, so without this the disk fills. Delta's VACUUM deletes files that no
 * version of the last {@code lake.vacuum.retain.hours} reads; Delta settings for it (its refusal
 * of fewer than 168 hours) go under {@code housekeeping.spark.}.
 */
public final class LakeHousekeeping {
    public record Result(int tables, List<String> compacted, long bytesBefore, long bytesAfter, long millis) {
        public String describe() {
            return String.format("removed %.1f MB of old table versions' files from %d tables (%.1f MB left)%s in %.1f s",
                    (bytesBefore - bytesAfter) / 1e6, tables, bytesAfter / 1e6,
                    compacted.isEmpty() ? "" : "; compacted " + String.join(", ", compacted), millis / 1000.0);
        }
    }

    private LakeHousekeeping() {}

    public static Result vacuum(Lake lake, WarehouseConfig config) {
        long t0 = System.nanoTime();
        double hours = config.decimal("lake.vacuum.retain.hours");
        long before = dataBytes(lake.root());
        List<String> tables = lake.tables();
        // Tables appended to by every run (the ledger, the quarantine, histories) gain a small file a night, and
        // each file costs every reader an open: compacted into one, the replaced files then go with the vacuum.
        // Tables rewritten whole each run are left alone: the next run replaces their files anyway.
        long minFiles = config.integer("lake.compact.min.files");
        List<String> compact = tables.stream().filter(t -> {
            long n = lake.fileCount(t);
            return n != Long.MAX_VALUE && n >= minFiles && lake.lastCommitAppended(t);
        }).toList();
        try (ScopedSparkConf scope = ScopedSparkConf.apply(lake.spark(), config, "housekeeping.spark.")) {
            Parallel.runAll(compact.stream().<Runnable>map(t -> () -> lake.delta(t).optimize().executeCompaction()).toList(),
                    config.integer("lake.writers"));
            // About a second a table whatever its size (listing, the snapshot's files, the deletes): side by side.
            List<Runnable> vacuums = tables.stream().<Runnable>map(t -> () -> lake.delta(t).vacuum(hours)).toList();
            Parallel.runAll(vacuums, config.integer("lake.writers"));
        }
        return new Result(tables.size(), compact, before, dataBytes(lake.root()), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Bytes of the lake's data files (the Delta logs are Delta's to trim: it does so at checkpoints). */
    static long dataBytes(Path root) {
        if (!Files.isDirectory(root)) return 0;
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw Errors.io("measure the lake's files", root, e);
        }
    }
}
