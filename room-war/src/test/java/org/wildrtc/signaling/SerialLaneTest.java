package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SerialLaneTest {
    private static final int MAX = 10_000;
    private static final int FRAME = 1_000 - SerialLane.TASK_CHARS;

    /** A worker pool that runs what it was given only when the test says so. */
    private static final class ManualExecutor implements Executor {
        final Queue<Runnable> given = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            given.add(command);
        }

        void runAll() {
            Runnable next;
            while ((next = given.poll()) != null) {
                next.run();
            }
        }
    }

    private final ManualExecutor workers = new ManualExecutor();
    private final SendBacklogTest.CountingReads reads = new SendBacklogTest.CountingReads();
    private final SerialLane lane = new SerialLane(workers, new ReadSwitch(reads), MAX);

    @Test
    void tasksRunInOrderOneWorkerAtATime() {
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            lane.submit(() -> ran.add(n), FRAME);
        }
        assertEquals(1, workers.given.size(), "one drain for the whole queue");
        assertFalse(lane.idle());
        workers.runAll();
        assertEquals(List.of(0, 1, 2, 3, 4), ran);
        assertTrue(lane.idle());
    }

    @Test
    void theSocketIsNoLongerReadWhileFramesUpToTheBoundWaitAndIsReadAgainAtAQuarterOfIt() {
        List<Boolean> pausedWhenRun = new ArrayList<>();
        Runnable task = () -> pausedWhenRun.add(reads.paused());
        for (int i = 0; i < 9; i++) {
            lane.submit(task, FRAME);
        }
        assertEquals(0, reads.pauses, "9 of 10 frames' worth wait: below the bound");
        lane.submit(task, FRAME);
        assertEquals(1, reads.pauses, "the bound is reached: the socket is not read");
        lane.submit(task, FRAME);
        assertEquals(1, reads.pauses, "paused once");

        workers.runAll();
        // 11 frames' worth waited; the socket is read again once at most a quarter of the bound is left
        assertEquals(List.of(true, true, true, true, true, true, true, true, true, false, false), pausedWhenRun);
        assertEquals(1, reads.resumes);
    }

    @Test
    void aFailingTaskDoesNotStallTheOnesAfterIt() {
        List<String> ran = new ArrayList<>();
        lane.submit(() -> {
            throw new IllegalStateException("the database was away");
        }, MAX);
        lane.submit(() -> ran.add("next"), FRAME);
        assertTrue(reads.paused());
        workers.runAll();
        assertEquals(List.of("next"), ran);
        assertFalse(reads.paused(), "what the failed task held was counted off");
    }
}
