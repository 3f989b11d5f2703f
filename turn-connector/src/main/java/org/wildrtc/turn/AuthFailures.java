package org.wildrtc.turn;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed authentications per source address in one-minute windows. Past the limit the address is
 * ignored until its window ends, which slows password guessing (RFC 8656 §21.1.2). Shared by the
 * event loops; only failures and blocked sources take its lock, not the relay path.
 */
final class AuthFailures {
    private static final long WINDOW_SECONDS = 60;
    /** Bounds the memory a flood of spoofed sources can take. */
    private static final int MAX_TRACKED = 100_000;

    private final int limit;
    private final Map<InetAddress, Window> windows = new HashMap<>();

    AuthFailures(int limit) {
        this.limit = limit;
    }

    synchronized boolean isBlocked(InetAddress source, long nowSeconds) {
        Window window = windows.get(source);
        return window != null && window.start + WINDOW_SECONDS > nowSeconds && window.failures >= limit;
    }

    /** Records a failure; returns true when this one reached the limit (worth one log line). */
    synchronized boolean record(InetAddress source, long nowSeconds) {
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(window -> window.start + WINDOW_SECONDS <= nowSeconds);
        }
        Window window = windows.get(source);
        if (window == null || window.start + WINDOW_SECONDS <= nowSeconds) {
            window = new Window(nowSeconds);
            windows.put(source, window);
        }
        window.failures++;
        return window.failures == limit;
    }

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }
}
