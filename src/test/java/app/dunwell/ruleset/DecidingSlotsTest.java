package app.dunwell.ruleset;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecidingSlotsTest {
    @Test
    void noMoreDecisionsRunAtOnceThanThereAreSlotsAndEveryOneRuns() throws Exception {
        DecidingSlots slots = new DecidingSlots(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allAsked = new CountDownLatch(8);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                answers.add(threads.submit(() -> {
                    allAsked.countDown();
                    allAsked.await();
                    return slots.run(() -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        running.decrementAndGet();
                        return n;
                    });
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(i, answers.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals(2, most.get());
        } finally {
            threads.shutdownNow();
        }
    }
}
