package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendBacklogTest {
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

    private final SendBacklog backlog = new SendBacklog();
    private final CountingReads senderReads = new CountingReads();
    private final ReadSwitch sender = new ReadSwitch(senderReads);

    private void queue(int frames) {
        for (int i = 0; i < frames; i++) {
            backlog.queued();
        }
    }

    private void write(int frames) {
        for (int i = 0; i < frames; i++) {
            backlog.written();
        }
    }

    @Test
    void belowTheHighMarkNobodyIsHeld() {
        queue(SendBacklog.HIGH - 1);
        assertFalse(backlog.holdIfBackedUp(sender));
        assertEquals(0, senderReads.pauses);
    }

    @Test
    void atTheHighMarkTheSenderIsPausedUntilTheBacklogDrainsToTheLowMark() {
        queue(SendBacklog.HIGH);
        assertTrue(backlog.holdIfBackedUp(sender));
        assertEquals(1, senderReads.pauses);

        write(SendBacklog.HIGH - SendBacklog.LOW - 1);
        assertEquals(0, senderReads.resumes, "still above the low mark");
        write(1);
        assertEquals(1, senderReads.resumes);
        assertFalse(senderReads.paused());
    }

    @Test
    void aSenderHeldTwiceIsReadAgainOnlyWhenBothLetGo() {
        SendBacklog other = new SendBacklog();
        queue(SendBacklog.HIGH);
        for (int i = 0; i < SendBacklog.HIGH; i++) {
            other.queued();
        }
        assertTrue(backlog.holdIfBackedUp(sender));
        assertTrue(other.holdIfBackedUp(sender));
        assertEquals(1, senderReads.pauses, "paused once");

        write(SendBacklog.HIGH);
        assertTrue(senderReads.paused(), "the other recipient still holds it");
        assertEquals(0, senderReads.resumes);
        other.closed();
        assertEquals(1, senderReads.resumes);
    }

    @Test
    void closingReleasesEveryoneAndHoldsNobodyAfterwards() {
        queue(SendBacklog.HIGH);
        backlog.holdIfBackedUp(sender);
        backlog.closed();
        assertEquals(1, senderReads.resumes);
        assertFalse(backlog.holdIfBackedUp(sender), "a closed socket holds nobody");
        assertEquals(1, senderReads.pauses);
    }

    @Test
    void aHoldThatRacesWithTheLastWriteIsReleasedAtOnce() {
        // The backlog drained below the low mark while the sender was being held.
        SendBacklog racing = new SendBacklog();
        for (int i = 0; i < SendBacklog.HIGH; i++) {
            racing.queued();
        }
        ReadSwitch.Reads drainOnPause = new ReadSwitch.Reads() {
            @Override
            public void pause() {
                senderReads.pause();
                for (int i = 0; i < SendBacklog.HIGH; i++) {
                    racing.written();
                }
            }

            @Override
            public void resume() {
                senderReads.resume();
            }
        };
        ReadSwitch held = new ReadSwitch(drainOnPause);
        assertTrue(racing.holdIfBackedUp(held));
        assertFalse(senderReads.paused(), "released by the re-check after the hold");
        assertEquals(1, senderReads.resumes);
    }
}
