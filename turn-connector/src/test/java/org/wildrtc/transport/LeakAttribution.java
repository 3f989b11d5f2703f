package org.wildrtc.transport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Names the running test in the creation hint of the buffers it allocates while no leak check watches
 * (every test of the module: {@code junit-platform.properties} turns on extension autodetection). Netty
 * often reports such a leak during a later test; the report then says which test dropped the buffer.
 */
public final class LeakAttribution implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        RecordingLeakDetector.running(context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RecordingLeakDetector.running(null);
    }
}
