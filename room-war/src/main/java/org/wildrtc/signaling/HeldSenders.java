package org.wildrtc.signaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The senders one backlog has paused (a socket's {@link SendBacklog}, or what waits for another node),
 * let go together when it drains or closes. Guarded by its owner's lock; the owner releases what
 * {@link #take} returns outside that lock, since resuming a sender may read from it at once and
 * call back into the owner.
 */
public final class HeldSenders {
    private final List<ReadSwitch> held = new ArrayList<>();

    /** Stops reading {@code sender} until it is taken and released. */
    public void hold(ReadSwitch sender) {
        sender.hold();
        held.add(sender);
    }

    /** The senders held so far, now no longer here: the caller releases each, outside its lock. */
    public List<ReadSwitch> take() {
        if (held.isEmpty()) {
            return List.of();
        }
        List<ReadSwitch> taken = new ArrayList<>(held);
        held.clear();
        return taken;
    }
}
