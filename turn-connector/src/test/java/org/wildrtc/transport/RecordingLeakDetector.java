package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The leak detector Netty uses in these tests ({@code -Dio.netty.customResourceLeakDetector}, see the
 * surefire configuration): it reports a leak as Netty's does and also records it, so that a test can
 * fail on it ({@link ParanoidLeakDetection}). Netty finds a leak only once the garbage collector has taken a buffer that was never
 * released, when it next tracks a buffer; {@link #collect} makes that happen now.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** Netty looks this older constructor up too, and logs an error when it is missing. */
    @SuppressWarnings("deprecation")
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    /** Whether this JVM runs with this detector; without it {@link #takeLeaks} finds nothing whatever leaks. */
    static boolean installed() {
        return RecordingLeakDetector.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"));
    }

    /** The leaks reported since the last call. */
    static List<String> takeLeaks() {
        List<String> taken = List.copyOf(LEAKS);
        LEAKS.removeAll(taken);
        return taken;
    }

    /** Collects garbage, then tracks one buffer (a direct one: unpooled heap buffers go untracked), which has
     *  Netty report the leaks it found. */
    static void collect() {
        System.gc();
        ByteBuf probe = UnpooledByteBufAllocator.DEFAULT.directBuffer(1);
        probe.release();
    }

    @Override
    protected boolean needReport() {
        // Netty only reports when its logger is at ERROR; these tests must see every leak regardless.
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked (untraced)");
        super.reportUntracedLeak(resourceType);
    }
}
