package org.csc.warehouse.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

import java.util.concurrent.atomic.AtomicLong;

/** Counts Spark jobs and tasks and the tasks' CPU, so a benchmark can show where work is spent (fewer jobs = less overhead). */
public final class JobCounter extends SparkListener {
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicLong taskCpuNanos = new AtomicLong();

    public static JobCounter attach(SparkSession spark) {
        JobCounter c = new JobCounter();
        spark.sparkContext().addSparkListener(c);
        return c;
    }

    public void detach(SparkSession spark) {
        spark.sparkContext().removeSparkListener(this);
    }

    @Override public void onJobStart(SparkListenerJobStart e) { jobs.incrementAndGet(); }
    @Override public void onTaskEnd(SparkListenerTaskEnd e) {
        tasks.incrementAndGet();
        // A task that failed before running has no metrics.
        if (e.taskMetrics() != null) taskCpuNanos.addAndGet(e.taskMetrics().executorCpuTime() + e.taskMetrics().executorDeserializeCpuTime());
    }

    public long jobs() { return jobs.get(); }
    public long tasks() { return tasks.get(); }
    /** CPU the ended tasks used running and deserialising, in milliseconds. */
    public long taskCpuMillis() { return taskCpuNanos.get() / 1_000_000; }
}
