package app.dunwell.api;

import app.dunwell.decision.FieldError;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** An RFC 9457 problem document, with the fields at fault in {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPES = "https://dunwell.app/problems/";

    public static Response response(int status, String type, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem(TYPES + type, title, status, detail, errors == null || errors.isEmpty() ? null : errors))
                .build();
    }
}
