package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.UUID;

/** Joining rooms and registering their members' sockets, for the room and signaling tests. */
final class Rooms {
    private Rooms() {
    }

    /** A member that joined: its secret client id, its public peer id and the whole answer. */
    record Joined(String roomId, String clientId, String peerId, JsonObject params) {
        String register(boolean events) {
            return "{\"cmd\":\"register\",\"roomid\":\"" + roomId + "\",\"clientid\":\"" + clientId + "\""
                    + (events ? ",\"events\":true" : "") + "}";
        }
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static Joined join(String roomId) throws Exception {
        return join(roomId, "");
    }

    /** Joins and requires SUCCESS. */
    static Joined join(String roomId, String query) throws Exception {
        return joined(roomId, Json.object(TestServer.post("/join/" + roomId + query).body()));
    }

    /** The member a {@code /join} answer made; it must be SUCCESS. */
    static Joined joined(String roomId, JsonObject answer) {
        assertEquals("SUCCESS", answer.getString("result"), answer.toString());
        JsonObject params = answer.getJsonObject("params");
        return new Joined(roomId, params.getString("client_id"), params.getString("peer_id"), params);
    }

    static URI webSocket() {
        return URI.create("wss://localhost:" + TestServer.port("https") + "/ws");
    }

    /** A socket registered for the member: the server has handled the registration when this returns. */
    static WebSocketClient connect(Joined member, boolean events) throws Exception {
        WebSocketClient socket = new WebSocketClient(webSocket());
        socket.register(member.register(events));
        return socket;
    }

    static String send(String msg) {
        return "{\"cmd\":\"send\",\"msg\":" + jakarta.json.Json.createValue(msg) + "}";
    }

    static String sendTo(String peerId, String msg) {
        return "{\"cmd\":\"send\",\"msg\":" + jakarta.json.Json.createValue(msg) + ",\"to\":\"" + peerId + "\"}";
    }

    /** The frame a member receives for a message from {@code from}. */
    static String delivered(String msg, Joined from) {
        return "{\"msg\":" + jakarta.json.Json.createValue(msg) + ",\"error\":\"\",\"from\":\"" + from.peerId() + "\"}\n";
    }

    /** An error frame: Collider's text and WildRTC's code. */
    static String error(String code, String error) {
        return "{\"msg\":\"\",\"error\":\"" + error + "\",\"code\":\"" + code + "\"}\n";
    }

    static String event(String event, Joined about) {
        return "{\"msg\":\"\",\"error\":\"\",\"event\":\"" + event + "\",\"peer\":\"" + about.peerId() + "\"}\n";
    }
}
