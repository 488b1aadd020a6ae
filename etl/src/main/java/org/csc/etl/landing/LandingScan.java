package org.csc.etl.landing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What is in the landing area: complete drops (with manifest) in extract-date order, drops still
 * being written (no manifest: they wait), and drops whose manifest cannot be read.
 */
public final class LandingScan {
    /** A drop folder not applied this run; {@code lastWritten} is when a file in it last changed (null when unknown). */
    public record Waiting(String dropId, String reason, java.time.Instant lastWritten) {}

    public record Result(List<Drop> drops, List<Waiting> waiting, List<Waiting> unreadable) {}

    private LandingScan() {}

    public static Result scan(Path landing, List<String> systems) {
        List<Drop> drops = new ArrayList<>();
        List<Waiting> waiting = new ArrayList<>();
        List<Waiting> unreadable = new ArrayList<>();
        for (String system : systems) {
            Path sysDir = landing.resolve(system);
            if (!Files.isDirectory(sysDir)) continue;
            try (Stream<Path> dirs = Files.list(sysDir)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    String id = system + "/" + dir.getFileName();
                    Path m = dir.resolve(Manifest.FILE_NAME);
                    if (!Files.exists(m)) {
                        waiting.add(new Waiting(id, "no " + Manifest.FILE_NAME + " yet: the exporter writes it last, so the drop is still being written",
                                lastWritten(dir)));
                        continue;
                    }
                    try {
                        Manifest manifest = Manifest.read(m);
                        String date = manifest.extractDate() != null ? manifest.extractDate() : dir.getFileName().toString();
                        drops.add(new Drop(system, dir.getFileName().toString(), dir, LocalDate.parse(date), manifest));
                    } catch (IOException | DateTimeParseException e) {
                        unreadable.add(new Waiting(id, "manifest cannot be read: " + e.getMessage().lines().findFirst().orElse(""), lastWritten(dir)));
                    }
                }
            } catch (IOException e) {
                unreadable.add(new Waiting(system, "cannot list " + sysDir + ": " + e.getMessage(), null));
            }
        }
        drops.sort(Comparator.comparing(Drop::extractDate).thenComparing(Drop::system).thenComparing(Drop::folder));
        return new Result(drops, waiting, unreadable);
    }

    /** The newest modification time of the folder and the files in it; null when it cannot be read. */
    static java.time.Instant lastWritten(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            java.time.Instant newest = Files.getLastModifiedTime(dir).toInstant();
            for (Path f : files.toList()) {
                java.time.Instant t = Files.getLastModifiedTime(f).toInstant();
                if (t.isAfter(newest)) newest = t;
            }
            return newest;
        } catch (IOException e) {
            return null;
        }
    }
}
