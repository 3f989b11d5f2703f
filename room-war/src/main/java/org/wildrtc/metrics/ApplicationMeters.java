package org.wildrtc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Registers meters the way WildFly's per-deployment registry passes them on to the server's
 * (and so to {@code /prometheus}): by name and tags only. Its builders ({@code Gauge.builder(...)
 * .register(registry)}) and its {@code config()} stay inside the deployment's own registry, which
 * nothing publishes, so descriptions and histogram buckets cannot be given (WildFly 39).
 * Remembers the names, to remove its meters when the application stops.
 */
final class ApplicationMeters {
    private final MeterRegistry registry;
    private final Set<String> names = new LinkedHashSet<>();

    ApplicationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A gauge; Micrometer holds {@code state} weakly, so the caller must keep it referenced. */
    <T> void gauge(String name, Tags tags, T state, ToDoubleFunction<T> value) {
        names.add(name);
        registry.gauge(name, tags, state, value);
    }

    /** A counter whose count the application keeps ({@code state} held weakly, as for a gauge). */
    <T> void functionCounter(String name, Tags tags, T state, ToDoubleFunction<T> count) {
        names.add(name);
        registry.more().counter(name, tags, state, count);
    }

    Counter counter(String name, Tags tags) {
        names.add(name);
        return registry.counter(name, tags);
    }

    Timer timer(String name, Tags tags) {
        names.add(name);
        return registry.timer(name, tags);
    }

    /** Removes every meter registered here, each series of each name. */
    void removeAll() {
        for (String name : names) {
            registry.find(name).meters().forEach(registry::remove);
        }
        names.clear();
    }
}
