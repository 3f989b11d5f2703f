package org.wildrtc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildrtc.ice.UnusedTurnConnection;
import org.wildrtc.jca.api.AllocationInfo;
import org.wildrtc.jca.api.AllocationPage;
import org.wildrtc.room.RoomMode;
import org.wildrtc.room.RoomSummary;

class ListingsTest {

    @Test
    void allocationsComeWithTheirTotalAndThePageAsked() throws Exception {
        List<int[]> asked = new ArrayList<>();
        AllocationsResource resource = new AllocationsResource();
        resource.turn = new FakeTurnServer(new UnusedTurnConnection() {
            @Override
            public AllocationPage allocations(int offset, int limit) {
                asked.add(new int[] {offset, limit});
                return new AllocationPage(3, List.of(new AllocationInfo("1700000000:bob", "udp", "192.0.2.1:5000",
                        "[2001:db8::1]:46000", 12, 1000, 2000)));
            }
        });
        assertEquals("{\"total\":3,\"offset\":2,\"limit\":1,\"allocations\":[{\"username\":\"1700000000:bob\","
                + "\"transport\":\"udp\",\"client_address\":\"192.0.2.1:5000\",\"relay_address\":\"[2001:db8::1]:46000\","
                + "\"age_seconds\":12,\"bytes_to_peer\":1000,\"bytes_to_client\":2000}]}",
                resource.list("2", "1").toString());
        assertEquals(100, resource.list(null, null).getInt("limit"));
        assertEquals(400, assertThrows(AdminError.class, () -> resource.list("0", "1001")).status());
        assertEquals(2, asked.size(), "a bad page never reaches the connector");
        assertEquals(100, asked.get(1)[1]);
    }

    @Test
    void aRoomShowsItsModeMembersAndAgeButNoClientId() {
        Instant created = Instant.parse("2026-01-01T10:00:00Z");
        assertEquals("{\"id\":\"team\",\"mode\":\"mesh\",\"members\":3,\"age_seconds\":90}",
                RoomsResource.toJson(new RoomSummary("team", RoomMode.MESH, 3, created), created.plusSeconds(90))
                        .toString());
        // another node's clock a little behind ours
        assertEquals(0, RoomsResource.toJson(new RoomSummary("pair", RoomMode.PAIR, 1, created), created.minusSeconds(1))
                .getInt("age_seconds"));
    }
}
