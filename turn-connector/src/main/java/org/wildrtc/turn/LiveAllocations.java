package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Every live allocation of every event loop, oldest first, for admins: a thread-safe view next to the
 * loops' own tables, which only their loop may touch. Of an allocation it reads only what any thread
 * may: the parts that never change, its relay address (volatile) and its byte counts (atomic). Bounded by the
 * allocation quota: an entry is added and removed with its allocation.
 */
public final class LiveAllocations {
    /** The most one page lists. */
    static final int MAX_PAGE = 1000;

    private final AtomicLong serials = new AtomicLong();
    private final ConcurrentSkipListMap<Long, Listing> byAge = new ConcurrentSkipListMap<>();

    /**
     * One listed allocation; {@code serial} orders by age. {@code close} ends it when it still lives
     * (true then), and only on {@code loop}, the event loop that owns it.
     */
    record Listing(long serial, Allocation allocation, Executor loop, BooleanSupplier close) {
    }

    Listing add(Allocation allocation, Executor loop, BooleanSupplier close) {
        Listing listing = new Listing(serials.incrementAndGet(), allocation, loop, close);
        byAge.put(listing.serial(), listing);
        return listing;
    }

    void remove(Listing listing) {
        byAge.remove(listing.serial(), listing);
    }

    /**
     * At most {@code limit} (capped at {@link #MAX_PAGE}) from {@code offset}, oldest first, and how
     * many there are in all; allocations made or ended meanwhile may or may not be in it.
     */
    public Page page(int offset, int limit, long nowNanos) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        int wanted = Math.min(limit, MAX_PAGE);
        List<Listed> listed = new ArrayList<>(Math.min(wanted, 64));
        int index = 0;
        for (Listing listing : byAge.values()) {
            if (listed.size() == wanted) {
                break;
            }
            if (index++ >= offset) {
                Allocation a = listing.allocation();
                listed.add(new Listed(a.username(), a.transport(), a.client(), a.relayAddress(),
                        TimeUnit.NANOSECONDS.toSeconds(nowNanos - a.createdNanos()), a.bytesToPeer(),
                        a.bytesToClient()));
            }
        }
        return new Page(byAge.size(), listed);
    }

    /**
     * Closes every allocation of {@code username}, each on its own event loop, waiting at most
     * {@code timeoutNanos} for them all.
     *
     * @return how many it closed within the wait (one a loop closes later, or that ended by itself
     *         meanwhile, is not counted)
     */
    int close(String username, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        List<CompletableFuture<Boolean>> closing = new ArrayList<>();
        for (Listing listing : of(username)) {
            try {
                closing.add(CompletableFuture.supplyAsync(listing.close()::getAsBoolean, listing.loop()));
            } catch (RejectedExecutionException loopStopped) {
                // The server is stopping: its loop closes the allocation itself.
            }
        }
        int closed = 0;
        for (CompletableFuture<Boolean> one : closing) {
            try {
                if (one.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    closed++;
                }
            } catch (TimeoutException | ExecutionException notClosed) {
                // A wedged loop, or the server stopping: it is not counted.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return closed;
    }

    /** The allocations of {@code username} now. */
    List<Listing> of(String username) {
        List<Listing> found = new ArrayList<>();
        for (Listing listing : byAge.values()) {
            if (listing.allocation().username().equals(username)) {
                found.add(listing);
            }
        }
        return found;
    }

    /** A page of the list: how many there are in all, and the ones asked for. */
    public record Page(int total, List<Listed> allocations) {
        public Page {
            allocations = List.copyOf(allocations);
        }
    }

    /**
     * One allocation as an admin sees it.
     *
     * @param relay the relayed address the client was given (the IPv4 one of a dual allocation, the
     *              other once a Refresh deleted it)
     */
    public record Listed(String username, ClientTransport transport, InetSocketAddress client, InetSocketAddress relay,
                         long ageSeconds, long bytesToPeer, long bytesToClient) {
    }
}
