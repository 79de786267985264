package app.dunwell.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses, before any resource sees it, a request line no client needs: longer than {@value #MAX_URI_CHARS} characters
 * (414), or with the NUL character in its path or query (400, naming the part). Both are problem documents like every
 * other error (Vert.x itself would answer a too-long line with an empty 414, so its own limit is set far above this one).
 */
public class RequestLineGuard {
    static final int MAX_URI_CHARS = 8192;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        String uri = request.getUriInfo().getRequestUri().toString();
        if (uri.length() > MAX_URI_CHARS) {
            return Optional.of(Problem.response(414, "uri-too-long", "URI too long",
                    "the request URI has " + uri.length() + " characters, at most " + MAX_URI_CHARS, null));
        }
        if (request.getUriInfo().getPath().indexOf('\0') >= 0) {
            return Optional.of(invalid("path"));
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0 || parameter.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                return Optional.of(invalid(parameter.getKey().replace("\0", "\\u0000")));
            }
        }
        return Optional.empty();
    }

    private static Response invalid(String field) {
        return Problem.response(400, "invalid-request", "The request cannot be handled", field + " must not contain the NUL character",
                List.of(new app.dunwell.decision.FieldError(field, "must not contain the NUL character (%00)")));
    }
}
