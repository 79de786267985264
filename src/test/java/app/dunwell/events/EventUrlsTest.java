package app.dunwell.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In production no center may point its events at the service's own network. */
class EventUrlsTest {
    private static EventUrls urls(boolean allowPrivate) {
        return new EventUrls(new EventsConfig() {
            public boolean scheduled() { return false; }
            public Duration interval() { return Duration.ofSeconds(1); }
            public Duration firstRetry() { return Duration.ofSeconds(30); }
            public Duration longestWait() { return Duration.ofHours(1); }
            public Duration giveUpAfter() { return Duration.ofDays(3); }
            public Duration timeout() { return Duration.ofSeconds(10); }
            public boolean allowPrivateUrls() { return allowPrivate; }
        });
    }

    @Test
    void privateLoopbackAndLinkLocalAddressesAreRefusedInProduction() {
        EventUrls production = urls(false);
        for (String url : new String[] {"http://127.0.0.1:8080/events", "http://localhost/events", "http://10.0.0.7/hook",
                "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://0.0.0.0/x"}) {
            String problem = production.problem(url);
            assertTrue(problem != null && (problem.contains("private network") || problem.contains("does not resolve")), url + " -> " + problem);
        }
        assertNull(urls(true).problem("http://127.0.0.1:8080/events"), "a local receiver in dev and tests");
    }
}
