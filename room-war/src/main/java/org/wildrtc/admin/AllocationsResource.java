package org.wildrtc.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.wildrtc.ice.TurnServer;
import org.wildrtc.jca.api.AllocationInfo;
import org.wildrtc.jca.api.AllocationPage;
import org.wildrtc.json.JsonBuilders;

/** {@code GET /admin/allocations?offset=&limit=}: the live TURN allocations of this node, oldest first. */
@Path("admin/allocations")
public class AllocationsResource {
    @Inject
    TurnServer turn;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit)
            throws ResourceException {
        Paging paging = Paging.of(offset, limit);
        AllocationPage page = turn.ask(connection -> connection.allocations(paging.offset(), paging.limit()));
        JsonArrayBuilder allocations = JsonBuilders.array();
        page.allocations().forEach(allocation -> allocations.add(toJson(allocation)));
        return JsonBuilders.object()
                .add("total", page.total())
                .add("offset", paging.offset())
                .add("limit", paging.limit())
                .add("allocations", allocations)
                .build();
    }

    static JsonObject toJson(AllocationInfo allocation) {
        return JsonBuilders.object()
                .add("username", allocation.username())
                .add("transport", allocation.transport())
                .add("client_address", allocation.clientAddress())
                .add("relay_address", allocation.relayAddress())
                .add("age_seconds", allocation.ageSeconds())
                .add("bytes_to_peer", allocation.bytesToPeer())
                .add("bytes_to_client", allocation.bytesToClient())
                .build();
    }
}
