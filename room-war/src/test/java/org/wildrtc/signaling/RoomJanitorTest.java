package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.room.ExpiredMember;
import org.wildrtc.room.MemberDeadline;
import org.wildrtc.room.RoomService;

class RoomJanitorTest {
    private static final ExpiredMember FAILING = new ExpiredMember("room-a", "client-1");
    private static final ExpiredMember SECOND = new ExpiredMember("room-b", "client-2");
    private static final ExpiredMember THIRD = new ExpiredMember("room-c", "client-3");

    private final Timers timers = new Timers();
    private final Channels channels = new Channels();
    private final RoomJanitor janitor = new RoomJanitor();
    private List<ExpiredMember> expired = List.of();
    private Instant earliestLeft;

    RoomJanitorTest() {
        janitor.rooms = rooms(() -> expired);
        janitor.channels = channels;
        janitor.settings = RoomSettings.fromSystemProperties();
        janitor.timers = timers.service();
        janitor.afterStart();
    }

    /** Rooms whose expired members come from {@code expiredNow}, the earliest expiry left from the test. */
    private RoomService rooms(Supplier<List<ExpiredMember>> expiredNow) {
        return new RoomService() {
            @Override
            public int detachAfterRestart(String node, Duration grace) {
                return 0;
            }

            @Override
            public List<ExpiredMember> expired() {
                return expiredNow.get();
            }

            @Override
            public Instant earliestExpiry() {
                return earliestLeft;
            }
        };
    }

    @Test
    void aMemberThatCannotBeRemovedDoesNotKeepTheOthers() {
        expired = List.of(FAILING, SECOND, THIRD);
        janitor.sweep(timers.firstSweep());

        assertEquals(List.of(SECOND, THIRD), channels.removed);
        assertEquals(2, timers.created.size(), "the next sweep is scheduled");
    }

    @Test
    void withNothingToExpireTheNextSweepIsTheBackstop() {
        janitor.sweep(timers.firstSweep());

        assertEquals(SweepSchedule.BACKSTOP.toMillis(), timers.lastDelay(), 1000);
    }

    @Test
    void theNextSweepIsWhenTheEarliestExpiryLeftFallsDue() {
        earliestLeft = Instant.now().plusSeconds(5);
        janitor.sweep(timers.firstSweep());

        assertEquals(5000, timers.lastDelay(), 1000);
    }

    @Test
    void anExpirySetBeforeTheNextSweepBringsItForwardAndTheReplacedTimerDoesNotSweep() {
        janitor.sweep(timers.firstSweep());
        Timer backstop = timers.last();

        janitor.expirySet(new MemberDeadline(Instant.now().plusSeconds(3)));

        assertEquals(3000, timers.lastDelay(), 1000);
        assertTrue(timers.cancelled.contains(backstop), "the backstop's timer is cancelled");
        expired = List.of(SECOND);
        janitor.sweep(backstop);
        assertEquals(List.of(), channels.removed, "a replaced timer that fires anyway does not sweep");
        janitor.sweep(timers.last());
        assertEquals(List.of(SECOND), channels.removed);
    }

    @Test
    void aLaterExpiryLeavesTheNextSweepAlone() {
        earliestLeft = Instant.now().plusSeconds(4);
        janitor.sweep(timers.firstSweep());
        int created = timers.created.size();

        janitor.expirySet(new MemberDeadline(Instant.now().plusSeconds(20)));

        assertEquals(created, timers.created.size());
        assertEquals(List.of(), timers.cancelled);
    }

    @Test
    void anExpiryToldWhileASweepRunsIsSweptForEvenIfTheDatabaseReadMissedIt() {
        janitor.rooms = rooms(() -> {
            // Another thread's join commits as this sweep reads.
            janitor.expirySet(new MemberDeadline(Instant.now().plusSeconds(2)));
            return List.of();
        });
        janitor.sweep(timers.firstSweep());

        assertEquals(2000, timers.lastDelay(), 1000);
    }

    /** Removes members, except one whose room's transaction fails (a lock timeout, say). */
    private static final class Channels extends RoomChannels {
        final List<ExpiredMember> removed = new ArrayList<>();

        @Override
        public String localNode() {
            return "node1";
        }

        @Override
        void expire(ExpiredMember expired) {
            if (expired.equals(FAILING)) {
                throw new IllegalStateException("lock timeout on room " + expired.roomId());
            }
            removed.add(expired);
        }
    }

    /** Single-action timers that only record their delay and are cancelled; a test fires one by calling sweep. */
    private static final class Timers {
        final List<Long> delays = new ArrayList<>();
        final List<Timer> created = new ArrayList<>();
        final List<Timer> cancelled = new ArrayList<>();

        TimerService service() {
            return (TimerService) Proxy.newProxyInstance(TimerService.class.getClassLoader(),
                    new Class<?>[] {TimerService.class}, (proxy, method, args) -> {
                        if (method.getName().equals("createSingleActionTimer")) {
                            delays.add((Long) args[0]);
                            Timer timer = timer(((TimerConfig) args[1]).getInfo());
                            created.add(timer);
                            return timer;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Timer timer(Serializable info) {
            Timer[] self = new Timer[1];
            self[0] = (Timer) Proxy.newProxyInstance(Timer.class.getClassLoader(), new Class<?>[] {Timer.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getInfo" -> info;
                        case "cancel" -> cancelled.add(self[0]);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return self[0];
        }

        /** The timer the janitor's start scheduled: its first sweep. */
        Timer firstSweep() {
            return created.get(0);
        }

        long lastDelay() {
            return delays.get(delays.size() - 1);
        }

        Timer last() {
            return created.get(created.size() - 1);
        }
    }
}
