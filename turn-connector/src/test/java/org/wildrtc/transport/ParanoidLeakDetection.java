package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Netty's leak detection at PARANOID (every buffer tracked) for one test class, which fails when Netty
 * reports a leak of a buffer the class allocated, after a last garbage collection. Only for the classes
 * that ask: at PARANOID every buffer is wrapped, which defeats the recycling other tests check.
 */
final class ParanoidLeakDetection implements BeforeAllCallback, AfterAllCallback {
    private ResourceLeakDetector.Level before;
    private String check;
    private String outer;

    @Override
    public void beforeAll(ExtensionContext context) {
        RecordingLeakDetector.assertInstalled();
        before = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        check = checkOf(context.getRequiredTestClass());
        outer = RecordingLeakDetector.watch(check);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            RecordingLeakDetector.collect();
            assertEquals(List.of(), RecordingLeakDetector.takeLeaks(check));
        } finally {
            RecordingLeakDetector.watch(outer);
            ResourceLeakDetector.setLevel(before);
        }
    }

    /** The mark of the buffers {@code testClass} allocates, which its reports show. */
    static String checkOf(Class<?> testClass) {
        return "allocated while " + testClass.getSimpleName() + " checked for leaks";
    }
}
