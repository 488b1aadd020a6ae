package org.csc.warehouse.io;

import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory helpers the CLI needs (demo reset, rebuild, benchmark runs). */
public final class Dirs {
    private Dirs() {}

    /** Deletes a directory tree; nothing happens when it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw Errors.io("delete the directory", dir, e);
        }
    }
}
