package org.wildrtc.transport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * The production allocator (pooled, as the listeners use), remembering every buffer it hands out, so
 * that a test can check at once, without waiting for the garbage collector, that each was released.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    private final PooledByteBufAllocator pool = PooledByteBufAllocator.DEFAULT;
    private final List<ByteBuf> handedOut = new ArrayList<>();

    TrackingAllocator() {
        super(true);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return remember(pool.heapBuffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return remember(pool.directBuffer(initialCapacity, maxCapacity));
    }

    private ByteBuf remember(ByteBuf buffer) {
        handedOut.add(buffer);
        return buffer;
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }

    /** The buffers handed out since the last {@link #assertAllReleased}, in order. */
    List<ByteBuf> handedOut() {
        return List.copyOf(handedOut);
    }

    /** Throws when a buffer handed out since the last call is still referenced; forgets them all. */
    void assertAllReleased() {
        List<ByteBuf> unreleased = handedOut.stream().filter(buffer -> buffer.refCnt() > 0).toList();
        handedOut.clear();
        if (!unreleased.isEmpty()) {
            throw new AssertionError(unreleased.size() + " buffer(s) never released: " + unreleased);
        }
    }
}
