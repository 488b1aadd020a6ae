package org.csc.etl.simulate;

/** What a simulation wrote and how fast; {@link #calibrationTable()} is ready to print. */
public record SimulationSummary(int drops, int files, long rows, long bytes, double seconds, String calibrationTable) {
    public double rowsPerSecond() {
        return seconds <= 0 ? rows : rows / seconds;
    }

    @Override
    public String toString() {
        return String.format("%d drops, %d files, %,d rows, %,d bytes in %.1f s (%,.0f rows/s)",
                drops, files, rows, bytes, seconds, rowsPerSecond());
    }
}
