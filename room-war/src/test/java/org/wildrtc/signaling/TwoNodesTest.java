package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.room.RoomMode;

/**
 * Two nodes on one database: members of one room whose sockets are on different nodes signal each
 * other, whichever way the events between the nodes and the database's changes interleave.
 */
class TwoNodesTest {
    private final InMemoryRooms database = new InMemoryRooms();
    private final InProcessCluster cluster = new InProcessCluster();
    private final SignalingStats stats1 = new SignalingStats();
    private final SignalingStats stats2 = new SignalingStats();
    private RoomChannels node1;
    private RoomChannels node2;

    @BeforeEach
    void start() {
        node1 = TestChannels.on(database, stats1, cluster.node("node1"));
        node2 = TestChannels.on(database, stats2, cluster.node("node2"));
        cluster.add("node1", node1);
        cluster.add("node2", node2);
    }

    @Test
    void membersOnTwoNodesGetWhatWasQueuedAndSignalBothWaysAndSeeEachOtherJoinAndLeave() {
        String alice = node1.join("room1", RoomMode.PAIR, true).self().clientId();
        String bob = node2.join("room1", RoomMode.PAIR, true).self().clientId();
        cluster.flush();
        FakeSession aliceSocket = new FakeSession();
        assertNull(node1.register(aliceSocket.socket, new Command.Register("room1", alice, true)));
        cluster.flush();
        assertNull(node1.send(aliceSocket.socket, new Command.Send("offer", null)));
        assertEquals(1, stats1.queuedCount(), "Bob has no socket yet: his node is the database");

        FakeSession bobSocket = new FakeSession();
        assertNull(node2.register(bobSocket.socket, new Command.Register("room1", bob, true)));
        cluster.flush();
        assertEquals(List.of("offer"), bobSocket.texts());
        assertEquals(List.of("joined"), events(aliceSocket), "node1 announces Bob's register on node2");

        assertNull(node1.send(aliceSocket.socket, new Command.Send("candidate", null)));
        assertNull(node2.send(bobSocket.socket, new Command.Send("answer", null)));
        cluster.flush();
        assertEquals(List.of("offer", "candidate"), bobSocket.texts());
        assertEquals("answer", aliceSocket.texts().get(1));
        assertEquals(1, stats2.deliveredCount(), "node2 delivered the candidate to Bob's socket");
        assertEquals(1, stats1.queuedCount(), "nothing between live sockets touched the database");

        node2.leave("room1", bob);
        cluster.flush();
        assertEquals(List.of("joined", "left"), events(aliceSocket));
        assertNull(node1.send(aliceSocket.socket, new Command.Send("alone", null)));
        assertEquals(2, stats1.queuedCount(), "alone again, Alice's message waits for the next joiner");
    }

    @Test
    void aMessageForTheNextJoinerGoesToWhoeverJoinedThroughTheOtherNodeMeanwhile() {
        String alice = node1.join("room1", RoomMode.PAIR, true).self().clientId();
        FakeSession aliceSocket = new FakeSession();
        assertNull(node1.register(aliceSocket.socket, new Command.Register("room1", alice, false)));
        String bob = node2.join("room1", RoomMode.PAIR, true).self().clientId();
        // node1 has not heard of Bob yet, but the database has him
        assertNull(node1.send(aliceSocket.socket, new Command.Send("offer", null)));
        cluster.flush();

        FakeSession bobSocket = new FakeSession();
        assertNull(node2.register(bobSocket.socket, new Command.Register("room1", bob, false)));
        assertEquals(List.of("offer"), bobSocket.texts());
    }

    @Test
    void aMessageSentToANodeTheSocketJustLeftIsKeptForItsNextRegisterThroughEitherNode() {
        String alice = node1.join("room1", RoomMode.PAIR, true).self().clientId();
        String bob = node2.join("room1", RoomMode.PAIR, true).self().clientId();
        FakeSession aliceSocket = new FakeSession();
        FakeSession bobSocket = new FakeSession();
        assertNull(node1.register(aliceSocket.socket, new Command.Register("room1", alice, false)));
        assertNull(node2.register(bobSocket.socket, new Command.Register("room1", bob, false)));
        cluster.flush();

        node2.closed(bobSocket.socket);
        // node1 has not heard that Bob's socket closed: the message goes to node2, which keeps it
        assertNull(node1.send(aliceSocket.socket, new Command.Send("candidate", null)));
        cluster.flush();
        assertEquals(1, stats2.queuedCount());

        FakeSession bobAgain = new FakeSession();
        assertNull(node1.register(bobAgain.socket, new Command.Register("room1", bob, false)));
        assertEquals(List.of("candidate"), bobAgain.texts());
    }

    @Test
    void whenANodeLeavesItsMembersMessagesWaitForThemToRegisterThroughTheSurvivor() {
        String alice = node1.join("room1", RoomMode.PAIR, true).self().clientId();
        String bob = node2.join("room1", RoomMode.PAIR, true).self().clientId();
        FakeSession aliceSocket = new FakeSession();
        assertNull(node1.register(aliceSocket.socket, new Command.Register("room1", alice, false)));
        assertNull(node2.register(new FakeSession().socket, new Command.Register("room1", bob, false)));
        cluster.flush();

        cluster.remove("node2");
        assertNull(node1.send(aliceSocket.socket, new Command.Send("still there?", null)));
        assertEquals(1, stats1.queuedCount());
        FakeSession bobAgain = new FakeSession();
        assertNull(node1.register(bobAgain.socket, new Command.Register("room1", bob, false)));
        assertEquals(List.of("still there?"), bobAgain.texts());
    }

    @Test
    void aSocketRegisteredOnOneNodeReplacesTheMembersSocketOnTheOther() {
        String alice = node1.join("room1", RoomMode.PAIR, true).self().clientId();
        FakeSession first = new FakeSession();
        assertNull(node1.register(first.socket, new Command.Register("room1", alice, false)));
        cluster.flush();
        assertNull(node2.register(new FakeSession().socket, new Command.Register("room1", alice, false)));
        cluster.flush();
        assertEquals(1000, first.closeCode);
    }

    private static List<String> events(FakeSession session) {
        return session.frames.stream().map(frame -> Json.createReader(new StringReader(frame)).readObject())
                .filter(frame -> frame.containsKey("event")).map(frame -> frame.getString("event")).toList();
    }
}
