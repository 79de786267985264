package app.dunwell.access;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets, one per key (by a hash of the key, so no key is kept) and one per address for calls without a key. A
 * request takes a token; an empty bucket refills at the configured rate and its caller is answered 429 with the time a
 * token comes back. Buckets left idle are forgotten; their number is bounded, and beyond the bound all new callers share
 * one bucket, so that a flood of made-up keys cannot grow the map or escape the limit.
 */
@ApplicationScoped
public class RateLimiter {
    static final int MAX_BUCKETS = 100_000;
    private static final long IDLE_NANOS = Duration.ofMinutes(2).toNanos();

    private final RateLimitConfig config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private volatile long lastSweep = System.nanoTime();

    public RateLimiter(RateLimitConfig config) {
        this.config = config;
        this.overflow = new Bucket(config.perAddress(), config.perAddressBurst());
    }

    /** Takes a token for the caller of a request, or throws {@link TooManyRequests}. */
    public void take(String bearerKey, String address) {
        if (!config.enabled()) {
            return;
        }
        boolean keyed = bearerKey != null && !bearerKey.isBlank();
        String name = keyed ? "key:" + hash(bearerKey) : "address:" + address;
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            sweep();
            bucket = buckets.size() >= MAX_BUCKETS ? overflow : buckets.computeIfAbsent(name, n -> keyed
                    ? new Bucket(config.perKey(), config.perKeyBurst()) : new Bucket(config.perAddress(), config.perAddressBurst()));
        }
        long waitNanos = bucket.take();
        if (waitNanos > 0) {
            throw new TooManyRequests((keyed ? "this key" : "this address") + " made more than " + bucket.perSecond
                    + " requests a second (at most " + bucket.burst + " at once)", Duration.ofNanos(waitNanos));
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        if (now - lastSweep < IDLE_NANOS) {
            return;
        }
        lastSweep = now;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastSeen > IDLE_NANOS) {
                it.remove();
            }
        }
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token bucket: {@code burst} tokens, refilled at {@code perSecond}. */
    static final class Bucket {
        final int perSecond;
        final int burst;
        private double tokens;
        private long refilledAt = System.nanoTime();
        volatile long lastSeen = refilledAt;

        Bucket(int perSecond, int burst) {
            this.perSecond = Math.max(1, perSecond);
            this.burst = Math.max(1, burst);
            this.tokens = this.burst;
        }

        /** Takes a token; returns 0, or how long until one comes back. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
            refilledAt = now;
            lastSeen = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) * 1e9 / perSecond);
        }
    }
}
