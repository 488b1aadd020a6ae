package org.csc.warehouse.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent lake writes side by side. A Delta commit spends most of its time waiting on the
 * log and the file system, not on CPU, so a few concurrent writers finish a run's tables sooner
 * even on two cores. The first failure is rethrown as it was.
 */
public final class Parallel {
    private Parallel() {}

    public static void runAll(List<Runnable> tasks, int threads) {
        if (tasks.size() <= 1 || threads <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable t : tasks) futures.add(pool.submit(t));
            for (Future<?> f : futures) f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        } finally {
            pool.shutdown();
        }
    }
}
