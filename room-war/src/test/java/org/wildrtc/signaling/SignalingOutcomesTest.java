package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.room.RoomMode;

/** What the metrics count of signaling: messages delivered to a socket, queued, refused by the rate. */
class SignalingOutcomesTest {
    private final SignalingStats stats = new SignalingStats();

    @AfterEach
    void clear() {
        System.clearProperty("wildrtc.signaling.rate-per-second");
    }

    @Test
    void aMessageForAMemberWithoutASocketIsQueuedAndOneForALiveSocketDelivered() {
        RoomChannels channels = channels();
        String first = channels.join("room1", RoomMode.PAIR, true).self().clientId();
        String second = channels.join("room1", RoomMode.PAIR, true).self().clientId();
        FakeSession firstSession = new FakeSession();
        assertNull(channels.register(firstSession.socket, new Command.Register("room1", first, false)));

        assertNull(channels.send(firstSession.socket, new Command.Send("offer", null)));
        assertEquals(1, stats.queuedCount());
        assertEquals(0, stats.deliveredCount());

        FakeSession secondSession = new FakeSession();
        assertNull(channels.register(secondSession.socket, new Command.Register("room1", second, false)));
        assertNull(channels.send(secondSession.socket, new Command.Send("answer", null)));
        assertEquals(List.of("answer"), firstSession.texts());
        assertEquals(1, stats.deliveredCount());
        assertEquals(1, stats.queuedCount());
    }

    @Test
    void aMessageOverTheSendersRateIsCountedAsRefused() {
        System.setProperty("wildrtc.signaling.rate-per-second", "1");
        RoomChannels channels = channels();
        String member = channels.join("room1", RoomMode.PAIR, true).self().clientId();
        int refused = 0;
        // a burst is 5 s worth: 20 at once exceed it however slowly the loop runs
        for (int i = 0; i < 20; i++) {
            if (channels.post("room1", member, "candidate") == PostResult.TOO_MANY_MESSAGES) {
                refused++;
            }
        }
        assertTrue(refused > 0);
        assertEquals(refused, stats.refusedCount(SignalingRefusal.MESSAGE_RATE));
        assertEquals(20 - refused, stats.queuedCount());
    }

    private RoomChannels channels() {
        return TestChannels.alone(stats);
    }
}
