package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatchUpTest {
    private static final int HIGH = 1000;

    private final SendBacklog backlog = new SendBacklog(HIGH);
    /** What was handed to the container, in order; the container has not written any of it yet. */
    private final List<String> handedOver = new ArrayList<>();
    private final CatchUp catchUp = new CatchUp(backlog, frame -> {
        backlog.queued(frame.length(), 0);
        handedOver.add(frame);
    });

    private static List<String> frames(String prefix, int count) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(prefix + i + "x".repeat(100 - prefix.length() - String.valueOf(i).length()));
        }
        return frames;
    }

    /** The container wrote the oldest frame it holds. */
    private void containerWritesOne(int written) {
        backlog.written(handedOver.get(written).length());
        catchUp.written();
    }

    @Test
    void aRegisterHandsOverOnlyWhatTheBacklogHoldsAndTheRestAsItDrains() {
        List<String> queued = frames("q", 30); // 3000 characters for a backlog of 1000
        catchUp.start(queued);
        assertEquals(queued.subList(0, 10), handedOver, "up to the high mark, not the whole queue");
        assertFalse(backlog.hasRoom());

        containerWritesOne(0);
        assertEquals(queued.subList(0, 11), handedOver, "one written, one more handed over");
        for (int written = 1; written < 30; written++) {
            containerWritesOne(written);
        }
        assertEquals(queued, handedOver);
    }

    @Test
    void framesSentDuringTheCatchUpComeAfterTheQueuedOnes() {
        List<String> queued = frames("q", 15);
        catchUp.start(queued);
        assertTrue(catchUp.enqueue("live 1"), "waits behind the queued frames");
        for (int written = 0; written < 15; written++) {
            containerWritesOne(written);
        }
        List<String> expected = new ArrayList<>(queued);
        expected.add("live 1");
        assertEquals(expected, handedOver);
        assertFalse(catchUp.enqueue("live 2"), "caught up: the socket writes frames itself again");
    }

    @Test
    void nothingQueuedMeansNoCatchUp() {
        catchUp.start(List.of());
        assertFalse(catchUp.enqueue("live"));
        assertEquals(List.of(), handedOver);
    }

    @Test
    void aWriteThatCompletesAtOnceHandsOverTheNextFrameWithoutNesting() {
        // The container may complete a write inside the call that hands it over.
        List<String> written = new ArrayList<>();
        CatchUp[] self = new CatchUp[1];
        self[0] = new CatchUp(backlog, frame -> {
            backlog.queued(frame.length(), 0);
            written.add(frame);
            backlog.written(frame.length());
            self[0].written();
        });
        List<String> queued = frames("q", 50);
        self[0].start(queued);
        assertEquals(queued, written);
        assertFalse(self[0].enqueue("live"));
    }
}
