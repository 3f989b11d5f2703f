package org.wildrtc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.wildrtc.signaling.ReadSwitch;
import org.wildrtc.signaling.RoomEvent;

/** An outbox keeps the order of what it is offered with one batch in flight, and stays bounded. */
class OutboxTest {
    private final List<List<String>> sent = new ArrayList<>();
    private final List<CompletableFuture<Void>> answers = new ArrayList<>();

    private Outbox outbox(int capacity) {
        return new Outbox("node2", capacity, capacity / 4, capacity / 16, batch -> {
            sent.add(batch.stream().map(event -> ((RoomEvent.Delivery) event).msg()).toList());
            CompletableFuture<Void> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        });
    }

    /** A sender whose pauses and resumes are written down in {@code reads}. */
    private static ReadSwitch sender(List<String> reads) {
        return new ReadSwitch(new ReadSwitch.Reads() {
            @Override
            public void pause() {
                reads.add("paused");
            }

            @Override
            public void resume() {
                reads.add("resumed");
            }
        });
    }

    private static RoomEvent message(String msg) {
        return new RoomEvent.Delivery("room1", "client1", "peer1", msg);
    }

    @Test
    void whatIsOfferedWhileABatchIsInFlightGoesAsTheNextBatchWhenItIsAnswered() {
        Outbox outbox = outbox(100);
        assertTrue(outbox.offer(message("1")));
        assertTrue(outbox.offer(message("2")));
        assertTrue(outbox.offer(message("3")));
        assertEquals(List.of(List.of("1")), sent, "one batch in flight at a time");

        answers.get(0).complete(null);
        assertEquals(List.of(List.of("1"), List.of("2", "3")), sent);
        answers.get(1).complete(null);
        assertTrue(outbox.offer(message("4")));
        assertEquals(List.of("4"), sent.get(2), "an idle outbox sends at once");
    }

    @Test
    void aFailedBatchIsDroppedAndTheNextOneStillGoes() {
        Outbox outbox = outbox(100);
        outbox.offer(message("1"));
        outbox.offer(message("2"));
        answers.get(0).completeExceptionally(new IOException("node2 is gone"));
        assertEquals(List.of(List.of("1"), List.of("2")), sent);
    }

    @Test
    void aDispatchThatThrowsIsAFailedBatch() {
        List<Integer> sizes = new ArrayList<>();
        Outbox outbox = new Outbox("node2", 100, 25, 6, batch -> {
            sizes.add(batch.size());
            throw new IOException("not connected");
        });
        assertTrue(outbox.offer(message("1")));
        assertTrue(outbox.offer(message("2")));
        assertEquals(List.of(1, 1), sizes, "nothing stays in flight after a throw");
    }

    @Test
    void offersBeyondTheCapacityAreRefusedUntilTheBacklogDrains() {
        Outbox outbox = outbox(2);
        assertTrue(outbox.offer(message("in flight")));
        assertTrue(outbox.offer(message("waits 1")));
        assertTrue(outbox.offer(message("waits 2")));
        assertFalse(outbox.offer(message("refused")));
        answers.get(0).complete(null);
        assertTrue(outbox.offer(message("accepted")));
    }

    @Test
    void aBacklogGoesInBatchesOfAtMostTheBatchSize() {
        Outbox outbox = outbox(10_000);
        for (int i = 0; i <= Outbox.MAX_BATCH + 10; i++) {
            outbox.offer(message(Integer.toString(i)));
        }
        answers.get(0).complete(null);
        assertEquals(Outbox.MAX_BATCH, sent.get(1).size());
        answers.get(1).complete(null);
        assertEquals(10, sent.get(2).size());
    }

    @Test
    void aClosedOutboxDropsWhatWaitsAndRefusesMore() {
        Outbox outbox = outbox(100);
        outbox.offer(message("1"));
        outbox.offer(message("2"));
        outbox.close();
        answers.get(0).complete(null);
        assertEquals(1, sent.size());
        assertFalse(outbox.offer(message("3")));
    }

    @Test
    void fromItsHighMarkAnOutboxHoldsSendersUntilItsLowMarkIsLeft() {
        Outbox outbox = outbox(64);
        List<String> reads = new ArrayList<>();
        outbox.offer(message("in flight"));
        for (int i = 1; i < 16; i++) {
            outbox.offer(message("waits " + i));
            assertFalse(outbox.holdIfBackedUp(sender(reads)), "below the high mark");
        }
        outbox.offer(message("waits 16"));
        assertTrue(outbox.holdIfBackedUp(sender(reads)));
        assertEquals(List.of("paused"), reads);

        answers.get(0).complete(null);
        assertEquals(16, sent.get(1).size(), "one batch took all that waited");
        assertEquals(List.of("paused", "resumed"), reads, "drained: the sender is read again");
        assertFalse(outbox.holdIfBackedUp(sender(reads)));
    }

    @Test
    void aClosedOutboxReleasesTheSendersItHeld() {
        Outbox outbox = outbox(4);
        List<String> reads = new ArrayList<>();
        outbox.offer(message("1"));
        outbox.offer(message("2"));
        assertTrue(outbox.holdIfBackedUp(sender(reads)));
        outbox.close();
        assertEquals(List.of("paused", "resumed"), reads);
    }
}
