package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The leak detector Netty uses in these tests ({@code -Dio.netty.customResourceLeakDetector}, see the
 * surefire configuration): it reports a leak as Netty's does and also records it, so that a test can
 * fail on it ({@link ParanoidLeakDetection}, {@link NettyLeaks}). Netty finds a leak only once the garbage
 * collector has taken a buffer that was never released, when it next tracks a buffer; {@link #collect}
 * makes that happen now.
 *
 * <p>So a leak often comes to light while a later check watches. Each tracked buffer is therefore marked
 * with the check that watched when it was allocated (its report shows it as the creation hint), and a
 * check takes only the leaks of its own buffers: a buffer an earlier test dropped fails no other test.
 * A buffer allocated while no check watches is marked with the test that ran ({@link LeakAttribution}),
 * so that Netty's report of it still says whose it was.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    /** The creation hint of buffers allocated while no check watches, outside any test. */
    private static final String UNCHECKED = "allocated while no leak check watched";

    private static final List<Leak> LEAKS = new CopyOnWriteArrayList<>();
    /** The check that watches, or null. */
    private static volatile String watching;
    private static volatile String unwatched = UNCHECKED;

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** Netty looks this older constructor up too, and logs an error when it is missing. */
    @SuppressWarnings("deprecation")
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    /** Fails unless this JVM runs with this detector: without it {@link #takeLeaks} finds nothing whatever leaks. */
    static void assertInstalled() {
        if (!RecordingLeakDetector.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"))) {
            throw new AssertionError("run with -Dio.netty.customResourceLeakDetector="
                    + RecordingLeakDetector.class.getName() + " (the surefire configuration sets it)");
        }
    }

    /** Names {@code test} (null: none) in the hint of the buffers allocated while no check watches. */
    static void running(String test) {
        unwatched = test == null ? UNCHECKED : "allocated during " + test + ", which no leak check watched";
    }

    /**
     * Marks the buffers allocated from now on as {@code check}'s (null: no check's), until the next call;
     * returns the check it replaces, for a check within another to hand back.
     */
    static String watch(String check) {
        String before = watching;
        watching = check;
        return before;
    }

    /** The leaks of the buffers allocated while {@code check} watched, reported since the last call. */
    static List<String> takeLeaks(String check) {
        List<Leak> taken = new ArrayList<>();
        for (Leak leak : LEAKS) {
            if (leak.check().equals(check)) {
                taken.add(leak);
            }
        }
        LEAKS.removeAll(taken);
        return taken.stream().map(Leak::report).toList();
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
    protected Object getInitialHint(String resourceType) {
        String check = watching;
        return check != null ? check : unwatched;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(new Leak(checkOf(records), resourceType + " leaked:" + records));
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        // Every tracked buffer has a creation record, so this is not expected; whose it was is unknown.
        LEAKS.add(new Leak(UNCHECKED, resourceType + " leaked (untraced)"));
        super.reportUntracedLeak(resourceType);
    }

    /** The check a report's creation hint names: Netty writes the hint as the creation record's first line. */
    private static String checkOf(String records) {
        String created = "Created at:" + System.lineSeparator() + "\tHint: ";
        int hint = records.lastIndexOf(created);
        if (hint < 0) {
            return UNCHECKED;
        }
        int start = hint + created.length();
        int end = records.indexOf(System.lineSeparator(), start);
        return records.substring(start, end < 0 ? records.length() : end);
    }

    private record Leak(String check, String report) {
    }
}
