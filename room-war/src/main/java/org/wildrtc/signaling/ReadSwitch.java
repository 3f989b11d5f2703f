package org.wildrtc.signaling;

/**
 * Stops and restarts reading one socket. Several recipients may hold it at once (a group room), so
 * reading restarts when the last of them lets go.
 */
public final class ReadSwitch {
    /** What pausing means for the container; {@link #NONE} where it cannot pause. */
    public interface Reads {
        void pause();

        void resume();
    }

    static final Reads NONE = new Reads() {
        @Override
        public void pause() {
            // nothing to pause
        }

        @Override
        public void resume() {
            // nothing to resume
        }
    };

    private final Reads reads;
    private int holds;

    public ReadSwitch(Reads reads) {
        this.reads = reads;
    }

    public synchronized void hold() {
        if (holds++ == 0) {
            reads.pause();
        }
    }

    public synchronized void release() {
        if (--holds == 0) {
            reads.resume();
        }
    }
}
