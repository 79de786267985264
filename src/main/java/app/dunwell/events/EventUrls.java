package app.dunwell.events;

import app.dunwell.decision.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Which addresses events may be sent to: an absolute {@code https} (or {@code http}) URL without credentials or fragment,
 * at most 2,000 characters, and, unless {@code dunwell.events.allow-private-urls}, not resolving to a loopback,
 * link-local, private or unspecified address (so that no center makes the service call into its own network).
 */
@ApplicationScoped
public class EventUrls {
    private final EventsConfig config;

    public EventUrls(EventsConfig config) {
        this.config = config;
    }

    /** Throws a problem naming {@code field} when the URL may not receive events. */
    public void check(String url, String field) {
        String problem = problem(url);
        if (problem != null) {
            throw new InvalidRequestException(field, problem);
        }
    }

    /** At delivery: the same rules, as an exception that makes the attempt fail (DNS may answer otherwise than before). */
    void checkAtDelivery(String url) {
        String problem = problem(url);
        if (problem != null) {
            throw new IllegalStateException("the eventsUrl " + problem);
        }
    }

    String problem(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return "must be an absolute http(s) URL of at most 2000 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getReason();
        }
        if (!uri.isAbsolute() || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            return "must be an absolute http(s) URL with a host";
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            return "may not carry credentials or a fragment";
        }
        if (!config.allowPrivateUrls()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                            || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                        return "points at an address of a private network (" + address.getHostAddress() + ")";
                    }
                }
            } catch (UnknownHostException e) {
                return "names a host that does not resolve";
            }
        }
        return null;
    }
}
