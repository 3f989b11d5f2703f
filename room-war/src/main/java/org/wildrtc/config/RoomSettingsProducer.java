package org.wildrtc.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * The one place the room server's settings are read: once per deployment, as the application starts,
 * so that a value that does not parse fails the deployment there (WildFly reports the property and
 * why) rather than at the first request. Every bean that needs them injects {@link RoomSettings}.
 */
@ApplicationScoped
public class RoomSettingsProducer {
    private static final Logger LOG = Logger.getLogger(RoomSettingsProducer.class);

    private RoomSettings settings;

    @PostConstruct
    void read() {
        settings = RoomSettings.fromSystemProperties();
        if (settings.openRegistration()) {
            LOG.info("Open registration is on (wildrtc.signaling.open-registration): any room and client id may"
                    + " register on /ws and post to /signaling, as with Collider, not only the members /join made");
        }
    }

    /** Observing the start makes this bean, and so reads the settings, while the deployment can still fail. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.debugf("Room settings: mesh capacity %d, %d joins a minute per address, %d messages a second per member",
                settings.meshCapacity(), settings.joinsPerMinute(), settings.messagesPerSecond());
    }

    @Produces
    RoomSettings settings() {
        return settings;
    }
}
