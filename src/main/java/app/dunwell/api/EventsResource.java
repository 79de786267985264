package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.events.EventFeed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/**
 * The events of the key's center (the bootstrap key names it with {@code centerId}): the pull feed in feed order for
 * platforms that cannot take webhooks, one event with its delivery attempts, and a redelivery.
 */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {
    private final EventFeed feed;
    private final Access access;

    public EventsResource(EventFeed feed, Access access) {
        this.feed = feed;
        this.access = access;
    }

    @GET
    @Operation(summary = "The center's events after a cursor (the next of the previous page; from the start without one), in feed order")
    public EventFeed.Page after(@HeaderParam("Authorization") String authorization, @QueryParam("centerId") String requested,
                                @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        String centerId = access.caller(authorization).require(Role.INTEGRATION).centerOf(requested, "centerId");
        return feed.after(centerId, after, limit == null ? 100 : limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One event, with its delivery state and attempts")
    public EventFeed.Delivered one(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        Caller caller = access.caller(authorization).require(Role.INTEGRATION);
        return feed.find(PathIds.uuid(id, "event"), caller.centerId()).orElseThrow(() -> new NotFoundException("no event " + id));
    }

    @POST
    @Path("/{id}/redeliver")
    @Operation(summary = "Send an event again (same id), e.g. one that failed for good; needs an eventsUrl")
    public Response redeliver(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        Caller caller = access.caller(authorization).require(Role.INTEGRATION);
        if (!feed.redeliver(PathIds.uuid(id, "event"), caller.centerId())) {
            throw new NotFoundException("no event " + id + " to redeliver (or the center has no eventsUrl)");
        }
        return Response.accepted(Map.of("id", id, "deliveryState", "PENDING")).build();
    }
}
