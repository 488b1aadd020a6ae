package org.csc.warehouse.lake;

import java.nio.file.Path;

/** Holds a lake's lock in a process of its own until its standard input closes (for LakeLockTest). */
public final class LakeLockHolder {
    private LakeLockHolder() {}

    public static void main(String[] args) throws Exception {
        try (LakeLock lock = LakeLock.acquire(Path.of(args[0]), args[1])) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our input or kill us
            }
        }
    }
}
