package org.wildrtc.signaling;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Closes sockets that do not {@code register} in time, so idle connections cannot pile up. */
@ApplicationScoped
public class RegisterDeadline {
    @Resource
    ManagedScheduledExecutorService scheduler;

    void watch(SignalingSocket socket, Duration timeout) {
        scheduler.schedule(() -> {
            if (!socket.registered() && socket.isOpen()) {
                socket.reply(Reply.fatal(SignalingError.REGISTER_TIMEOUT, "Register timeout"));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
