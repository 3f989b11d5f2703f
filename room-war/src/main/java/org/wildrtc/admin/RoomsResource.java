package org.wildrtc.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.room.RoomPage;
import org.wildrtc.room.RoomService;
import org.wildrtc.room.RoomSummary;

/**
 * {@code GET /admin/rooms?offset=&limit=}: the rooms in the database, oldest first (every node's, as
 * they share it). Ids and counts only: client ids would let whoever reads them act as the member.
 */
@Path("admin/rooms")
public class RoomsResource {
    @Inject
    RoomService rooms;

    private final Clock clock = Clock.systemUTC();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        RoomPage page = rooms.page(paging.offset(), paging.limit());
        Instant now = clock.instant();
        JsonArrayBuilder list = JsonBuilders.array();
        page.rooms().forEach(room -> list.add(toJson(room, now)));
        return JsonBuilders.object()
                .add("total", page.total())
                .add("offset", paging.offset())
                .add("limit", paging.limit())
                .add("rooms", list)
                .build();
    }

    static JsonObject toJson(RoomSummary room, Instant now) {
        return JsonBuilders.object()
                .add("id", room.id())
                .add("mode", room.mode().wireName())
                .add("members", room.members())
                .add("age_seconds", Math.max(0, Duration.between(room.createdAt(), now).toSeconds()))
                .build();
    }
}
