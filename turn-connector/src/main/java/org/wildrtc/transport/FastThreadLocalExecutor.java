package org.wildrtc.transport;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.Executor;

/**
 * Runs event loops on the container's threads registered for Netty's fast thread locals. Container
 * threads are not Netty's FastThreadLocalThreads, and on such threads Netty 4.2 does not recycle:
 * every relayed packet then made a new slice, outbound entry and buffer wrapper (~540 bytes of
 * garbage per packet, JFR). Registered for the loop's life, the thread recycles like Netty's own,
 * and its thread locals are cleared when the loop ends.
 */
final class FastThreadLocalExecutor implements Executor {
    private final Executor threads;

    FastThreadLocalExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable loop) {
        threads.execute(() -> FastThreadLocalThread.runWithFastThreadLocal(loop));
    }
}
