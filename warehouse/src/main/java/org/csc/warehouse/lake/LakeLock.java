package org.csc.warehouse.lake;

import org.csc.warehouse.errors.Errors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per lake: two runs at once would stage the same drops twice and overwrite each
 * other's star. An operating-system lock on a file beside the lake directory (not inside it: a
 * rebuild deletes the lake), so a run that dies, however it dies, releases it and no stale lock
 * needs clearing. The file keeps the holder's run id, process and start time for the message.
 */
public final class LakeLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private LakeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a lake directory: {@code <lake.dir>.lock} beside it. */
    public static Path file(Path lakeDir) {
        Path abs = lakeDir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".lock");
    }

    /** Takes the lake's lock for {@code runId}, or fails naming the run that holds it. */
    public static LakeLock acquire(Path lakeDir, String runId) {
        Path file = file(lakeDir);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another run in this same process
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw Errors.of("Another run is writing the lake " + lakeDir.toAbsolutePath().normalize() + ": "
                                + (holder.isEmpty() ? "(no details recorded)" : holder) + ".",
                        "Two runs at once would apply the same drops twice and overwrite each other's tables, so only one may hold " + file + ".",
                        "Wait for that run to finish and run again. The lock is the operating system's: it is released when that process"
                                + " ends, however it ends, so if it persists a process is still running (check the pid above).");
            }
            String holder = runId + " (pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + ")";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new LakeLock(file, channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the open failed or the lock was not taken: nothing to release
                }
            }
            throw Errors.io("take the lake's lock file", file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw Errors.io("release the lake's lock file", file, e);
        }
    }
}
