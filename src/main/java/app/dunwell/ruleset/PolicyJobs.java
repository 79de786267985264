package app.dunwell.ruleset;

import app.dunwell.access.TooManyRequests;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where validations and previews run: seconds of CPU each, so off the request threads (decisions keep their latency),
 * one at a time per caller, and a bounded queue for all callers; beyond either limit the caller gets 429.
 */
@ApplicationScoped
public class PolicyJobs {
    static final int THREADS = 1;
    static final int QUEUE = 8;

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "policy-job-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    /** Runs the job for {@code caller} (a key's id, or another stable name of who asks), or refuses with 429. */
    public <T> CompletionStage<T> submit(String caller, Supplier<T> job) {
        if (!running.add(caller)) {
            throw new TooManyRequests("a validation or preview of this key is still running: one at a time per key", Duration.ofSeconds(30));
        }
        try {
            return CompletableFuture.supplyAsync(job, executor).whenComplete((result, failure) -> running.remove(caller));
        } catch (RejectedExecutionException e) {
            running.remove(caller);
            throw new TooManyRequests("validations and previews are queued to their limit (" + QUEUE + "); try again later",
                    Duration.ofSeconds(60));
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
