package app.dunwell.api;

import app.dunwell.access.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every API request takes a token of its caller's bucket (its key, or its address without a key) before it is handled. */
public class RateLimitFilter {
    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter(preMatching = true)
    public void take(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.startsWith("/ui")) {
            return;
        }
        String authorization = request.getHeaderString("Authorization");
        String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        if (key == null) {
            key = sessionCookie(request);
        }
        limiter.take(key, http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
    }

    private static String sessionCookie(ContainerRequestContext request) {
        var cookie = request.getCookies().get("dunwell_session");
        return cookie == null ? null : "session:" + cookie.getValue();
    }
}
