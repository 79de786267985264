package app.dunwell.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy (every process: the service, PostgreSQL, the load generator), from the first
 * line of {@code /proc/stat}. On two shared cores a stored decision's cost is spread over several processes, so the
 * floor benchmark counts them all.
 */
final class MachineCpu {
    /** Linux reports {@code /proc/stat} in USER_HZ ticks, 100 a second on every platform it runs on. */
    private static final long MICROS_PER_TICK = 10_000;

    private MachineCpu() {
    }

    /** Busy time so far in microseconds: all ticks but idle and I/O wait. */
    static long busyMicros() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * MICROS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat (the floor benchmark runs on Linux)", e);
        }
    }
}
