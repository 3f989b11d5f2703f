package org.wildrtc.signaling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.wildrtc.json.JsonBuilders;

/** Collider's {@code /status} counters. */
@ApplicationScoped
public class SignalingStats {
    private final long startNanos = System.nanoTime();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong socketErrors = new AtomicLong();
    private final AtomicLong httpErrors = new AtomicLong();
    private final AtomicLong pushBacks = new AtomicLong();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder queued = new LongAdder();
    private final Map<SignalingRefusal, LongAdder> refusals = new EnumMap<>(SignalingRefusal.class);

    public SignalingStats() {
        for (SignalingRefusal refusal : SignalingRefusal.values()) {
            refusals.put(refusal, new LongAdder());
        }
    }

    /** Made when the application starts, so {@code upsec} counts from then, not from the first request. */
    void deployed(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing is enough
    }

    void opened() {
        open.incrementAndGet();
        total.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    /** Signaling sockets open on this node now. */
    public long openSockets() {
        return open.get();
    }

    void socketError() {
        socketErrors.incrementAndGet();
    }

    public void httpError() {
        httpErrors.incrementAndGet();
    }

    void pushedBack() {
        pushBacks.incrementAndGet();
    }

    void refused(SignalingRefusal refusal) {
        refusals.get(refusal).increment();
    }

    /** A message written to a recipient's live socket (one per recipient). */
    void delivered() {
        delivered.increment();
    }

    /** A message queued in the database for a recipient without a socket, or for the next joiner. */
    void queued() {
        queued.increment();
    }

    public long deliveredCount() {
        return delivered.sum();
    }

    public long queuedCount() {
        return queued.sum();
    }

    public long refusedCount(SignalingRefusal refusal) {
        return refusals.get(refusal).sum();
    }

    /**
     * {@code {"upsec","openws","totalws","wserrors","httperrors"}}, as Collider names them, and
     * {@code wspushback}: how often a socket stopped being read because a recipient was backed up, and
     * {@code refused}: what each limit turned away, under its fixed name ({@link SignalingRefusal#key}).
     */
    public JsonObject toJson() {
        return JsonBuilders.object()
                .add("upsec", (System.nanoTime() - startNanos) / 1e9)
                .add("openws", open.get())
                .add("totalws", total.get())
                .add("wserrors", socketErrors.get())
                .add("httperrors", httpErrors.get())
                .add("wspushback", pushBacks.get())
                .add("refused", refused())
                .build();
    }

    private JsonObject refused() {
        JsonObjectBuilder refused = JsonBuilders.object();
        refusals.forEach((refusal, count) -> refused.add(refusal.key(), count.sum()));
        return refused.build();
    }
}
