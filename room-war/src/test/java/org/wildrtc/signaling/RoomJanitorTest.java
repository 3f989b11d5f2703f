package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.TimerService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildrtc.room.ExpiredMember;
import org.wildrtc.room.RoomService;

class RoomJanitorTest {
    private static final ExpiredMember FAILING = new ExpiredMember("room-a", "client-1");
    private static final ExpiredMember SECOND = new ExpiredMember("room-b", "client-2");
    private static final ExpiredMember THIRD = new ExpiredMember("room-c", "client-3");

    @Test
    void aMemberThatCannotBeRemovedDoesNotKeepTheOthers() {
        RoomJanitor janitor = new RoomJanitor();
        Channels channels = new Channels();
        List<Long> scheduled = new ArrayList<>();
        janitor.rooms = new RoomService() {
            @Override
            public List<ExpiredMember> expired() {
                return List.of(FAILING, SECOND, THIRD);
            }
        };
        janitor.channels = channels;
        janitor.timers = timers(scheduled);

        janitor.sweep();

        assertEquals(List.of(SECOND, THIRD), channels.removed);
        assertEquals(1, scheduled.size(), "the next sweep is scheduled");
    }

    /** Removes members, except one whose room's transaction fails (a lock timeout, say). */
    private static final class Channels extends RoomChannels {
        final List<ExpiredMember> removed = new ArrayList<>();

        @Override
        void expire(ExpiredMember expired) {
            if (expired.equals(FAILING)) {
                throw new IllegalStateException("lock timeout on room " + expired.roomId());
            }
            removed.add(expired);
        }
    }

    private static TimerService timers(List<Long> scheduled) {
        return (TimerService) Proxy.newProxyInstance(TimerService.class.getClassLoader(),
                new Class<?>[] {TimerService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createSingleActionTimer")) {
                        scheduled.add((Long) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
