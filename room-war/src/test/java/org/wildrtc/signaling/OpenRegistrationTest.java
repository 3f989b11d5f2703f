package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.room.RoomMode;

/** Collider's rooms (docs/protocols.md §2, apprtc src/collider/collider/room.go) with open registration on. */
class OpenRegistrationTest {
    private static final Map<String, String> OPEN = Map.of("wildrtc.signaling.open-registration", "true");

    @AfterEach
    void clear() {
        System.clearProperty("wildrtc.signaling.open-registration");
        System.clearProperty("wildrtc.rooms.joins-per-minute");
    }

    @Test
    void byDefaultOnlyMembersThatJoinedMayRegisterOrPost() {
        RoomChannels channels = channels(Map.of());
        FakeSession a = new FakeSession();
        Reply refused = channels.register(a.socket, register("room1", "12345678"));
        assertEquals(Reply.fatal(SignalingError.UNKNOWN_CLIENT, "Invalid register request: unknown client, join the room first"), refused);
        assertEquals(PostResult.UNKNOWN_ROOM, channels.colliderPost("room1", "12345678", "offer", "192.0.2.1"));
    }

    @Test
    void anyIdRegistersAndWhatItSentAloneReachesTheSecondClientWhenItRegisters() {
        RoomChannels channels = channels(OPEN);
        FakeSession a = new FakeSession();
        assertNull(channels.register(a.socket, register("room1", "11111111")));
        assertNull(channels.send(a.socket, new Command.Send("offer", null)));
        assertNull(channels.send(a.socket, new Command.Send("candidate", null)));

        FakeSession b = new FakeSession();
        assertNull(channels.register(b.socket, register("room1", "22222222")));
        assertEquals(List.of("offer", "candidate"), b.texts());

        assertNull(channels.send(b.socket, new Command.Send("answer", null)));
        assertEquals(List.of("answer"), a.texts());
    }

    @Test
    void aThirdClientFindsTheRoomFullAndIsClosed() {
        RoomChannels channels = channels(OPEN);
        assertNull(channels.register(new FakeSession().socket, register("room1", "11111111")));
        assertNull(channels.register(new FakeSession().socket, register("room1", "22222222")));
        FakeSession third = new FakeSession();
        assertEquals(Reply.fatal(SignalingError.ROOM_FULL, "Max room capacity reached"), channels.register(third.socket, register("room1", "33333333")));
        assertEquals(PostResult.ROOM_FULL, channels.colliderPost("room1", "33333333", "offer", "192.0.2.1"));
        assertEquals("Max room capacity reached", channels.refusal(PostResult.ROOM_FULL));
    }

    @Test
    void aClientWhoseSocketDroppedRegistersAgainButNotTwiceAtOnce() {
        RoomChannels channels = channels(OPEN);
        FakeSession first = new FakeSession();
        assertNull(channels.register(first.socket, register("room1", "11111111")));
        assertEquals(Reply.fatal(SignalingError.ALREADY_REGISTERED, "Duplicated registration"),
                channels.register(new FakeSession().socket, register("room1", "11111111")));
        first.closeCode = 1001;
        channels.closed(first.socket);
        assertNull(channels.register(new FakeSession().socket, register("room1", "11111111")));
    }

    @Test
    void aPostFromAClientNotYetRegisteredAddsItAndItGetsWhatWasSentToItWhenItRegisters() {
        RoomChannels channels = channels(OPEN);
        FakeSession a = new FakeSession();
        assertNull(channels.register(a.socket, register("room1", "11111111")));

        // an AppRTC room server forwards the callee's message before the callee's socket registered
        assertEquals(PostResult.ACCEPTED, channels.colliderPost("room1", "22222222", "answer", "192.0.2.1"));
        assertEquals(List.of("answer"), a.texts());
        assertNull(channels.send(a.socket, new Command.Send("candidate", null)));

        FakeSession b = new FakeSession();
        assertNull(channels.register(b.socket, register("room1", "22222222")));
        assertEquals(List.of("candidate"), b.texts());
        // the member's own posts do not count as joins
        assertEquals(PostResult.ACCEPTED, channels.colliderPost("room1", "22222222", "bye", "192.0.2.1"));
        assertEquals(List.of("answer", "bye"), a.texts());
    }

    @Test
    void aPostInAnEmptyRoomWaitsForTheClientThatRegistersNext() {
        RoomChannels channels = channels(OPEN);
        assertEquals(PostResult.ACCEPTED, channels.colliderPost("room1", "11111111", "offer", "192.0.2.1"));
        FakeSession b = new FakeSession();
        assertNull(channels.register(b.socket, register("room1", "22222222")));
        assertEquals(List.of("offer"), b.texts());
    }

    @Test
    void deleteRemovesTheClientAndClosesItsSocket() {
        RoomChannels channels = channels(OPEN);
        FakeSession a = new FakeSession();
        assertNull(channels.register(a.socket, register("room1", "11111111")));
        assertNull(channels.register(new FakeSession().socket, register("room1", "22222222")));
        channels.leave("room1", "11111111");
        assertEquals(1000, a.closeCode);
        // its place is free again
        assertNull(channels.register(new FakeSession().socket, register("room1", "33333333")));
        // an unknown client is no error
        channels.leave("room1", "44444444");
        channels.leave("room9", "44444444");
    }

    @Test
    void aClientIdNamesAClientInItsRoomOnly() {
        RoomChannels channels = channels(OPEN);
        FakeSession inRoom1 = new FakeSession();
        FakeSession inRoom2 = new FakeSession();
        assertNull(channels.register(inRoom1.socket, register("room1", "11111111")));
        assertNull(channels.register(inRoom2.socket, register("room2", "11111111")));
        assertNull(channels.register(new FakeSession().socket, register("room2", "22222222")));
        assertEquals(PostResult.ACCEPTED, channels.colliderPost("room2", "22222222", "hello", "192.0.2.1"));
        assertEquals(List.of("hello"), inRoom2.texts());
        assertEquals(List.of(), inRoom1.texts());
        channels.leave("room2", "11111111");
        assertEquals(0, inRoom1.closeCode);
    }

    @Test
    void idsOutsideAppRtcsAlphabetOrLengthAreRefused() {
        RoomChannels channels = channels(OPEN);
        Reply refused = Reply.fatal(SignalingError.INVALID_IDS, "Invalid register request: 'roomid' and 'clientid' are 1 to 64 of a-z, A-Z, 0-9, '-' and '_'");
        assertEquals(refused, channels.register(new FakeSession().socket, register("room 1", "11111111")));
        assertEquals(refused, channels.register(new FakeSession().socket, register("room1", "1111:1111")));
        assertEquals(refused, channels.register(new FakeSession().socket, register("room1", "1".repeat(65))));
        assertNull(channels.register(new FakeSession().socket, register("room1", "1".repeat(64))));
    }

    @Test
    void postsThatAddClientsCountAsJoinsOfTheirSource() {
        RoomChannels channels = channels(Map.of("wildrtc.signaling.open-registration", "true",
                "wildrtc.rooms.joins-per-minute", "1"));
        assertEquals(PostResult.ACCEPTED, channels.colliderPost("room1", "11111111", "offer", "192.0.2.1"));
        assertEquals(PostResult.TOO_MANY_JOINS, channels.colliderPost("room2", "11111111", "offer", "192.0.2.1"));
        assertEquals(PostResult.ACCEPTED, channels.colliderPost("room2", "11111111", "offer", "192.0.2.2"));
        assertEquals(PostResult.ACCEPTED, channels.colliderPost("room1", "11111111", "candidate", "192.0.2.1"));
    }

    @Test
    void membersThatJoinedStillRegisterAndMessageAdoptedOnes() {
        RoomChannels channels = channels(OPEN);
        String minted = channels.join("room1", RoomMode.PAIR, true).self().clientId();
        FakeSession joined = new FakeSession();
        assertNull(channels.register(joined.socket, register("room1", minted)));
        FakeSession adopted = new FakeSession();
        assertNull(channels.register(adopted.socket, register("room1", "22222222")));
        assertNull(channels.send(joined.socket, new Command.Send("offer", null)));
        assertEquals(List.of("offer"), adopted.texts());
        // /message is the room API's: it posts for members only
        assertEquals(PostResult.UNKNOWN_CLIENT, channels.post("room1", "33333333", "offer"));
    }

    private static Command.Register register(String room, String client) {
        return new Command.Register(room, client, false);
    }

    private static RoomChannels channels(Map<String, String> properties) {
        properties.forEach(System::setProperty);
        return TestChannels.alone(new SignalingStats());
    }
}
