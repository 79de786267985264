package app.dunwell.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API as OpenAPI describes it: every endpoint takes a center's key (or the bootstrap key) as a bearer token. */
@OpenAPIDefinition(info = @Info(title = "Dunwell decision API", version = "1"),
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = "key", type = SecuritySchemeType.HTTP,
                scheme = "bearer", bearerFormat = "dwk_…",
                description = "A center's API key (its roles decide what it may do) or the bootstrap key. "
                        + "POST /api/v1/decisions answers without a key unless dunwell.auth.open-decisions=false; "
                        + "webhooks are signed instead.")),
        security = @SecurityRequirement(name = "key"))
public class DunwellApi extends Application {
}
