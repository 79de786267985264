package app.dunwell.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluation runs: the invoices their batches decided or failed ({@code dunwell_run_invoices_total{result}}, counted when
 * a batch commits, so {@code rate()} is the invoices per second), and the worker threads of this instance working a run
 * ({@code dunwell_run_workers_active}). Runs not finished and their pending invoices, over every instance, are in
 * {@link WaitingWork}.
 */
@Startup
@ApplicationScoped
public class RunMetrics {
    private final Counter done;
    private final Counter failed;
    private final AtomicInteger workers = new AtomicInteger();

    public RunMetrics(MeterRegistry registry) {
        done = invoices(registry, "done");
        failed = invoices(registry, "failed");
        Gauge.builder("dunwell.run.workers.active", workers, AtomicInteger::get)
                .description("Worker threads of this instance working an evaluation run").strongReference(true).register(registry);
    }

    private static Counter invoices(MeterRegistry registry, String result) {
        return Counter.builder("dunwell.run.invoices").description("Invoices of evaluation runs decided (done) or failed, as their batches commit")
                .tag("result", result).register(registry);
    }

    /** A batch that committed: {@code doneCount} invoices decided and stored, {@code failedCount} marked failed. */
    public void batch(int doneCount, int failedCount) {
        done.increment(doneCount);
        failed.increment(failedCount);
    }

    /** A worker starts on a run; call {@link #workerFinished()} when it stops. */
    public void workerStarted() {
        workers.incrementAndGet();
    }

    public void workerFinished() {
        workers.decrementAndGet();
    }
}
