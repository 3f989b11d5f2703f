package org.wildrtc.signaling;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Worker threads for the signaling slow paths. The /ws handlers run on Undertow's IO threads
 * (websockets dispatch-to-worker=false, cli/websockets.cli), which must never wait on the database.
 */
@ApplicationScoped
public class SignalingWorkers {
    @Resource
    ManagedExecutorService executor;

    SerialLane newLane(ReadSwitch reads, int maxChars) {
        return new SerialLane(executor, reads, maxChars);
    }
}
