package app.dunwell.ui;

import app.dunwell.api.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.net.URI;
import java.util.List;

/**
 * Errors of the UI's pages as a page a person can read: every problem the API would answer (a bad form field, a key's
 * missing role, a task resolved already, an unexpected failure) keeps its status but is shown as HTML with a way back.
 * A page asked for without a session goes to the sign-in page.
 */
public class UiErrorPages {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(Page page, ErrorView error);
    }

    @TemplateData
    public record ErrorView(int status, String title, String detail, List<String> errors) {
    }

    static boolean isUi(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    @ServerExceptionMapper
    public Response signIn(UiSessions.SignInRequired e) {
        return Response.seeOther(URI.create("/ui/login")).build();
    }

    @ServerExceptionMapper
    public Response csrf(CsrfTokens.Refused e) {
        return Problem.response(403, "csrf", "This form cannot be accepted", e.getMessage(), null);
    }

    /** A problem answered to a page becomes the error page, with the same status. */
    @ServerResponseFilter
    public void asPage(ContainerRequestContext request, ContainerResponseContext response) {
        if (isUi(request) && response.getEntity() instanceof Problem problem) {
            // One field at fault is the detail already; several are listed.
            List<String> errors = problem.errors() == null || problem.errors().size() < 2 ? List.of()
                    : problem.errors().stream().map(f -> f.field() + " " + f.message()).toList();
            String title = switch (problem.status()) {
                case 400 -> "Please check what was entered";
                case 404 -> "Not found";
                case 500 -> "Something went wrong";
                default -> problem.title();
            };
            String detail = problem.status() >= 500 && problem.status() != 503 ? "A fault on the server stopped this (it is logged). "
                    + "Try again; if it keeps happening, tell whoever runs Dunwell." : problem.detail();
            String html = Templates.error(Page.signedOut(title), new ErrorView(problem.status(), title, detail, errors)).render();
            response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }
}
