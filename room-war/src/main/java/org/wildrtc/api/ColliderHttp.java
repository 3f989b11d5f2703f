package org.wildrtc.api;

import jakarta.ws.rs.core.Response;
import org.wildrtc.signaling.PostResult;
import org.wildrtc.signaling.RoomChannels;
import org.wildrtc.signaling.SignalingStats;

/**
 * Collider's HTTP side: POST delivers a message as the member, DELETE removes the member (AppRTC's
 * client calls it on hang-up). Errors are HTTP 500 with a text, as Collider answers, except 429 when a
 * limit asks the sender to retry later (its rate, or a recipient that is not keeping up); every answer
 * allows any origin, as Collider's does.
 */
final class ColliderHttp {
    private ColliderHttp() {
    }

    /**
     * With open registration, a POST from a client not in the room yet counts as a join of its source
     * ({@link RequestContext#clientAddress}).
     */
    static Response post(RoomChannels rooms, SignalingStats stats, String room, String client, byte[] body,
                         String sourceAddress) {
        PostResult result = rooms.colliderPost(RoomIds.require(room), RoomIds.require(client), MessageBodies.text(body),
                sourceAddress);
        if (result == PostResult.ACCEPTED) {
            return cors(Response.ok("OK\n"));
        }
        stats.httpError();
        String refusal = rooms.refusal(result);
        return cors(result.retryLater() ? RetryLater.response(refusal) : Response.serverError().entity(refusal + "\n"));
    }

    static Response delete(RoomChannels rooms, String room, String client) {
        rooms.leave(RoomIds.require(room), RoomIds.require(client));
        return cors(Response.ok());
    }

    static Response preflight() {
        return cors(Response.ok());
    }

    private static Response cors(Response.ResponseBuilder response) {
        return response.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "POST, DELETE")
                .build();
    }
}
