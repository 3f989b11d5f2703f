package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendBacklogTest {
    static final int HIGH = 1000;
    static final int LOW = HIGH / 4;
    private static final long SECOND = 1_000_000_000L;
    private static final long STALL = 30 * SECOND;

    /** Counts what the container was told. */
    static final class CountingReads implements ReadSwitch.Reads {
        int pauses;
        int resumes;

        @Override
        public void pause() {
            pauses++;
        }

        @Override
        public void resume() {
            resumes++;
        }

        boolean paused() {
            return pauses > resumes;
        }
    }

    private final SendBacklog backlog = new SendBacklog(HIGH);
    private final CountingReads senderReads = new CountingReads();
    private final ReadSwitch sender = new ReadSwitch(senderReads);

    @Test
    void belowTheHighMarkNobodyIsHeld() {
        assertFalse(backlog.queued(HIGH - 1, 0));
        assertFalse(backlog.backedUp());
        assertFalse(backlog.holdIfBackedUp(sender));
        assertEquals(0, senderReads.pauses);
    }

    @Test
    void theMarksCountCharactersNotFrames() {
        backlog.queued(HIGH / 2, 0);
        assertFalse(backlog.holdIfBackedUp(sender), "one frame of half the mark");
        backlog.queued(HIGH / 2, 0);
        assertTrue(backlog.backedUp(), "two frames of half the mark");
        assertTrue(backlog.holdIfBackedUp(sender));
    }

    @Test
    void onceBackedUpItStaysBackedUpUntilItDrainsToTheLowMark() {
        backlog.queued(HIGH, 0);
        backlog.written(HIGH - LOW - 1);
        assertTrue(backlog.hasRoom(), "below the high mark: the container may take more");
        assertTrue(backlog.backedUp(), "but not down to the low mark");
        assertTrue(backlog.holdIfBackedUp(sender), "a sender is still paused");
        backlog.written(1);
        assertFalse(backlog.backedUp());
        assertFalse(senderReads.paused());
    }

    @Test
    void atTheHighMarkTheSenderIsPausedUntilTheBacklogDrainsToTheLowMark() {
        backlog.queued(HIGH, 0);
        assertTrue(backlog.holdIfBackedUp(sender));
        assertEquals(1, senderReads.pauses);

        backlog.written(HIGH - LOW - 1);
        assertEquals(0, senderReads.resumes, "still above the low mark");
        backlog.written(1);
        assertEquals(1, senderReads.resumes);
        assertFalse(senderReads.paused());
    }

    @Test
    void aSenderHeldTwiceIsReadAgainOnlyWhenBothLetGo() {
        SendBacklog other = new SendBacklog(HIGH);
        backlog.queued(HIGH, 0);
        other.queued(HIGH, 0);
        assertTrue(backlog.holdIfBackedUp(sender));
        assertTrue(other.holdIfBackedUp(sender));
        assertEquals(1, senderReads.pauses, "paused once");

        backlog.written(HIGH);
        assertTrue(senderReads.paused(), "the other recipient still holds it");
        assertEquals(0, senderReads.resumes);
        other.closed();
        assertEquals(1, senderReads.resumes);
    }

    @Test
    void closingReleasesEveryoneAndHoldsNobodyAfterwards() {
        backlog.queued(HIGH, 0);
        backlog.holdIfBackedUp(sender);
        backlog.closed();
        assertEquals(1, senderReads.resumes);
        assertFalse(backlog.holdIfBackedUp(sender), "a closed socket holds nobody");
        assertFalse(backlog.backedUp());
        assertEquals(1, senderReads.pauses);
    }

    @Test
    void aWriteThatCompletesWhileTheSenderIsBeingHeldReleasesItOnceHeld() throws Exception {
        backlog.queued(HIGH, 0);
        Thread[] writer = new Thread[1];
        ReadSwitch.Reads writeWhilePausing = new ReadSwitch.Reads() {
            @Override
            public void pause() {
                senderReads.pause();
                // The recipient's IO thread completes the writes now; it must wait for the hold to finish.
                writer[0] = new Thread(() -> backlog.written(HIGH));
                writer[0].start();
                while (writer[0].getState() != Thread.State.BLOCKED && writer[0].isAlive()) {
                    Thread.onSpinWait();
                }
            }

            @Override
            public void resume() {
                senderReads.resume();
            }
        };
        assertTrue(backlog.holdIfBackedUp(new ReadSwitch(writeWhilePausing)));
        writer[0].join(5000);
        assertFalse(senderReads.paused(), "released by the write that raced with the hold");
        assertEquals(1, senderReads.resumes);
    }

    @Test
    void theFirstFrameThatFillsTheBacklogAsksForAStallCheckAndLaterOnesDoNot() {
        assertFalse(backlog.queued(HIGH - 1, 0));
        assertTrue(backlog.queued(1, 0), "the backlog just filled");
        assertFalse(backlog.queued(100, SECOND), "a check is already scheduled");
        backlog.written(HIGH + 100);
        assertFalse(backlog.queued(HIGH, 2 * SECOND), "the scheduled check still runs and sees this spell");
    }

    @Test
    void aBacklogThatStaysFullForTheStallTimeHasStalled() {
        backlog.queued(HIGH, 0);
        backlog.written(HIGH - LOW - 1); // some progress, not down to the low mark
        assertEquals(STALL - 10 * SECOND, backlog.stallCheck(10 * SECOND, STALL), "checked early: time left");
        assertTrue(backlog.stallCheck(STALL, STALL) <= 0, "full for the whole stall time");
    }

    @Test
    void drainingToTheLowMarkEndsTheStallAndAFreshSpellCountsFromItsOwnStart() {
        backlog.queued(HIGH, 0);
        backlog.written(HIGH - LOW);
        assertEquals(SendBacklog.NOT_BACKED_UP, backlog.stallCheck(STALL, STALL));

        assertTrue(backlog.queued(HIGH, 40 * SECOND), "nothing watches any more: a new check");
        backlog.written(HIGH);
        backlog.queued(HIGH, 50 * SECOND);
        assertEquals(10 * SECOND, backlog.stallCheck(70 * SECOND, STALL),
                "the spell that began at 50 s has 10 s left at 70 s");
        assertTrue(backlog.stallCheck(80 * SECOND, STALL) <= 0);
    }

    @Test
    void aClosedSocketNeverStalls() {
        backlog.queued(HIGH, 0);
        backlog.closed();
        assertEquals(SendBacklog.NOT_BACKED_UP, backlog.stallCheck(STALL, STALL));
        assertFalse(backlog.queued(HIGH, STALL), "nothing to watch on a closed socket");
    }
}
