package org.wildrtc.turn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Events per source address (failed authentications, challenges answered) in fixed windows, shared
 * by the event loops. The table is a bounded cache: a flood of sources evicts entries instead of
 * growing it, and an entry is forgotten once its window is over.
 */
final class SourceWindows {
    /** Bounds the memory a flood of source addresses can take. */
    private static final int MAX_TRACKED = 100_000;

    private final long windowSeconds;
    private final Cache<InetAddress, Window> windows;

    SourceWindows(long windowSeconds) {
        this.windowSeconds = windowSeconds;
        this.windows = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterWrite(Duration.ofSeconds(windowSeconds))
                // Upkeep runs on the event loop that writes, not on a pool thread the container does not manage.
                .executor(Runnable::run)
                .build();
    }

    /** The events of {@code source} in its current window. */
    int count(InetAddress source, long nowSeconds) {
        Window window = windows.getIfPresent(source);
        return window == null || window.isOver(nowSeconds, windowSeconds) ? 0 : window.events();
    }

    /** Counts one event of {@code source}; returns the events of its current window, this one included. */
    int add(InetAddress source, long nowSeconds) {
        return windows.asMap().compute(source, (address, window) -> window == null
                || window.isOver(nowSeconds, windowSeconds) ? new Window(nowSeconds, 1)
                : new Window(window.start(), window.events() + 1)).events();
    }

    private record Window(long start, int events) {
        boolean isOver(long nowSeconds, long length) {
            return start + length <= nowSeconds;
        }
    }
}
