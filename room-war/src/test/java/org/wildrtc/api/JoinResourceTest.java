package org.wildrtc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.ice.IceServers;
import org.wildrtc.ice.TurnServer;
import org.wildrtc.ice.UnusedTurnConnection;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.metrics.WildRtcMeters;
import org.wildrtc.room.JoinOutcome;
import org.wildrtc.room.MemberView;
import org.wildrtc.room.RoomMode;
import org.wildrtc.signaling.RoomChannels;


class JoinResourceTest {
    private final TimedJoins meters = new TimedJoins();

    @Test
    void aJoinWhoseIceServersFailTakesNoSeat() throws Exception {
        JoinResource resource = resource(new PairRooms(), new IceServersDownOnce());
        resource.request = connection("192.0.2.1");

        assertThrows(ResourceException.class, () -> resource.join("pair", null, request(), headers()));

        // the connector is back: the pair room still has both of its places
        assertEquals("SUCCESS", resource.join("pair", null, request(), headers()).getString("result"));
        assertEquals("SUCCESS", resource.join("pair", null, request(), headers()).getString("result"));
        assertEquals("FULL", resource.join("pair", null, request(), headers()).getString("result"));
        // every join is timed, the one that failed too
        assertEquals(4, meters.joins.size());
    }

    @Test
    void behindATrustedProxyJoinsCountTheClientItForwardsAndTheIceUrisNameTheForwardedHost() throws Exception {
        PairRooms rooms = new PairRooms();
        IceServersDownOnce iceServers = new IceServersDownOnce();
        iceServers.failed = true;
        JoinResource resource = resource(rooms, iceServers);
        Map<String, String> forwarded = Map.of("X-Forwarded-For", "192.0.2.66, 203.0.113.9",
                "X-Forwarded-Host", "rtc.example.org:443", "X-Forwarded-Proto", "https");

        resource.request = connection("127.0.0.1", forwarded);
        JsonObject fromProxy = resource.join("pair", null, request(), headers(forwarded)).getJsonObject("params");
        resource.request = connection("198.51.100.1", forwarded);
        JsonObject fromStranger = resource.join("pair", null, request(), headers(forwarded)).getJsonObject("params");

        assertEquals(List.of("203.0.113.9", "198.51.100.1"), rooms.sources);
        assertEquals(Arrays.asList("rtc.example.org", "localhost"), iceServers.hosts);
        assertEquals("wss://rtc.example.org:443/ws", fromProxy.getString("wss_url"));
        assertEquals("https://rtc.example.org:443/r/pair", fromProxy.getString("room_link"));
        assertEquals("wss://localhost:8443/ws", fromStranger.getString("wss_url"));
    }

    @Test
    void whileTheNodeDrainsANewRoomIsMaintenanceAndAnExistingOneStillTakesMembers() throws Exception {
        IceServersDownOnce iceServers = new IceServersDownOnce();
        iceServers.failed = true;
        Drain drain = new Drain();
        JoinResource resource = resource(new PairRooms(), iceServers, drain);
        resource.request = connection("192.0.2.1");
        assertEquals("SUCCESS", resource.join("pair", null, request(), headers()).getString("result"));

        drain.draining = true;
        assertEquals("{\"result\":\"MAINTENANCE\"}", resource.join("new-room", null, request(), headers()).toString());
        assertEquals("SUCCESS", resource.join("pair", null, request(), headers()).getString("result"),
                "the call in it goes on");

        drain.draining = false;
        assertEquals("SUCCESS", resource.join("new-room", null, request(), headers()).getString("result"));
    }

    private JoinResource resource(PairRooms rooms, IceServers iceServers) {
        return resource(rooms, iceServers, new Drain());
    }

    private JoinResource resource(PairRooms rooms, IceServers iceServers, Drain drain) {
        JoinResource resource = new JoinResource();
        resource.rooms = rooms;
        resource.settings = RoomSettings.fromSystemProperties();
        resource.iceServers = iceServers;
        resource.meters = meters;
        resource.turn = new TurnServer() {
            @Override
            public <T> T ask(Function<TurnConnection, T> question) {
                return question.apply(drain);
            }
        };
        return resource;
    }

    /** The connector's drain switch. */
    private static final class Drain extends UnusedTurnConnection {
        private boolean draining;

        @Override
        public boolean draining() {
            return draining;
        }
    }

    /** The join timer's hook, counting what it is given. */
    private static final class TimedJoins extends WildRtcMeters {
        private final List<Duration> joins = new ArrayList<>();

        @Override
        public void joined(Duration took) {
            joins.add(took);
        }
    }

    /** The connector fails the first mint, as when its server is not running, then works. */
    private static final class IceServersDownOnce extends IceServers {
        private boolean failed;
        private final List<String> hosts = new ArrayList<>();

        @Override
        public JsonArray forNewClient(String host) throws ResourceException {
            if (!failed) {
                failed = true;
                throw new ResourceException("the WildRTC STUN/TURN server is not running");
            }
            hosts.add(host);
            return JsonBuilders.array().build();
        }
    }

    private static HttpServletRequest connection(String remoteAddress) {
        return connection(remoteAddress, Map.of());
    }

    private static HttpServletRequest connection(String remoteAddress, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remoteAddress;
                    case "getHeaders" -> Collections.enumeration(
                            headers.containsKey((String) args[0]) ? List.of(headers.get((String) args[0])) : List.of());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Pair rooms in memory, taking seats as RoomService does. */
    private static final class PairRooms extends RoomChannels {
        private final Map<String, List<MemberView>> rooms = new HashMap<>();
        private final List<String> sources = new ArrayList<>();

        @Override
        public boolean mayJoin(String sourceAddress) {
            sources.add(sourceAddress);
            return true;
        }

        @Override
        public JoinOutcome join(String roomId, RoomMode requested, boolean mayCreate) {
            if (!mayCreate && !rooms.containsKey(roomId)) {
                return new JoinOutcome(JoinOutcome.Status.NOT_CREATED, requested, 0, null, List.of(), List.of());
            }
            List<MemberView> members = rooms.computeIfAbsent(roomId, id -> new ArrayList<>());
            List<MemberView> peers = List.copyOf(members);
            if (members.size() == 2) {
                return new JoinOutcome(JoinOutcome.Status.FULL, RoomMode.PAIR, 2, null, peers, List.of());
            }
            MemberView self = new MemberView("client-" + members.size(), "peer-" + members.size());
            members.add(self);
            return new JoinOutcome(JoinOutcome.Status.SUCCESS, RoomMode.PAIR, 2, self, peers, List.of());
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
        return headers(Map.of());
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return PublicOriginTest.headers(values);
    }
}
