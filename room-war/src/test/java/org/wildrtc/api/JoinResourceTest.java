package org.wildrtc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonArray;
import jakarta.resource.ResourceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.ice.IceServers;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.room.JoinOutcome;
import org.wildrtc.room.MemberView;
import org.wildrtc.room.RoomMode;
import org.wildrtc.signaling.RoomChannels;

class JoinResourceTest {

    @Test
    void aJoinWhoseIceServersFailTakesNoSeat() throws Exception {
        JoinResource resource = new JoinResource();
        PairRooms rooms = new PairRooms();
        IceServersDownOnce iceServers = new IceServersDownOnce();
        resource.rooms = rooms;
        resource.iceServers = iceServers;
        resource.request = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getRemoteAddr")) {
                        return "192.0.2.1";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        assertThrows(ResourceException.class, () -> resource.join("pair", null, request(), headers()));

        // the connector is back: the pair room still has both of its places
        assertEquals("SUCCESS", resource.join("pair", null, request(), headers()).getString("result"));
        assertEquals("SUCCESS", resource.join("pair", null, request(), headers()).getString("result"));
        assertEquals("FULL", resource.join("pair", null, request(), headers()).getString("result"));
    }

    /** The connector fails the first mint, as when its server is not running, then works. */
    private static final class IceServersDownOnce extends IceServers {
        private boolean failed;

        @Override
        public JsonArray forNewClient(String host) throws ResourceException {
            if (!failed) {
                failed = true;
                throw new ResourceException("the WildRTC STUN/TURN server is not running");
            }
            return JsonBuilders.array().build();
        }
    }

    /** One pair room in memory, taking seats as RoomService does. */
    private static final class PairRooms extends RoomChannels {
        private final List<MemberView> members = new ArrayList<>();

        @Override
        public boolean mayJoin(String sourceAddress) {
            return true;
        }

        @Override
        public JoinOutcome join(String roomId, RoomMode requested) {
            List<MemberView> peers = List.copyOf(members);
            if (members.size() == 2) {
                return new JoinOutcome(JoinOutcome.Status.FULL, RoomMode.PAIR, 2, null, peers, List.of());
            }
            MemberView self = new MemberView("client-" + members.size(), "peer-" + members.size());
            members.add(self);
            return new JoinOutcome(JoinOutcome.Status.SUCCESS, RoomMode.PAIR, 2, self, peers, List.of());
        }

        @Override
        public RoomSettings settings() {
            return RoomSettings.fromSystemProperties();
        }
    }

    private static UriInfo request() {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getQueryParameters" -> new MultivaluedHashMap<String, String>();
                    case "getRequestUri" -> URI.create("https://localhost:8443/join/pair");
                    case "getBaseUri" -> URI.create("https://localhost:8443/");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpHeaders headers() {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
