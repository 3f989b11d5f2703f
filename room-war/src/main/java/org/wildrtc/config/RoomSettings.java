package org.wildrtc.config;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.wildrtc.api.PublicOrigin;
import org.wildrtc.net.TrustedProxies;
import org.wildrtc.room.QueuedMessage;

/**
 * The room server's settings. They are system properties, so an admin sets them like any other
 * server setting: {@code -Dwildrtc.rooms.mesh-capacity=8} at start, or as a system property in
 * the management console or CLI (then redeploy). A value that does not parse fails the deployment
 * with a message naming the property, as a bad TURN setting fails the connector's: a typo must not
 * quietly run the server with the default (an open registration or a trusted proxy list that did not
 * take). {@link RoomSettingsProducer} reads them once per deployment.
 *
 * @param meshCapacity          members of a mesh room
 * @param registerWindow        how long a member that joined may take to open its WebSocket
 * @param grace                 how long a member whose socket dropped keeps its place
 * @param registerTimeout       how long a new socket may take to send {@code register}
 * @param messagesPerSecond     per-member message rate over every way in (a burst of five seconds' worth is
 *                              allowed); 0 = no limit
 * @param iceApiKey             the key {@code /v1alpha/iceconfig} wants; random per boot when not set
 * @param socketQueueChars      what may wait for one socket, each way: frames not yet written to it, and
 *                              frames read from it not yet handled; in characters, which are bytes for the
 *                              ASCII text signaling carries
 * @param stall                 how long a socket's frames may stay backed up before it is disconnected
 * @param roomQueueChars        what may be queued in one room's database queue, in characters
 * @param joinsPerMinute        joins per source address a minute (bursts of a minute's worth); 0 = no limit
 * @param trustedProxies        whose {@code X-Forwarded-*} headers count
 * @param publicUrl             the origin people reach us at, whatever the request says; null when not set
 * @param openRegistration      whether any room and client id may register, as with Collider, rather than
 *                              only the members {@code /join} made
 */
public record RoomSettings(int meshCapacity, Duration registerWindow, Duration grace, Duration registerTimeout,
                           int messagesPerSecond, String iceApiKey, int socketQueueChars, Duration stall,
                           int roomQueueChars, int joinsPerMinute, TrustedProxies trustedProxies,
                           PublicOrigin publicUrl, boolean openRegistration) {
    private static final String PREFIX = "wildrtc.";

    /** The settings from the system properties. */
    public static RoomSettings fromSystemProperties() {
        return from(System::getProperty);
    }

    /**
     * The settings from {@code properties} (a property's full name to its value, null when unset).
     *
     * @throws IllegalArgumentException naming the first property whose value does not parse
     */
    public static RoomSettings from(UnaryOperator<String> properties) {
        Reader read = new Reader(properties);
        String apiKey = read.text("ice.api-key");
        return new RoomSettings(
                read.integer("rooms.mesh-capacity", 6, 3, 64),
                Duration.ofSeconds(read.integer("rooms.register-window-seconds", 120, 1, 86_400)),
                Duration.ofSeconds(read.integer("signaling.grace-seconds", 10, 0, 3_600)),
                Duration.ofSeconds(read.integer("signaling.register-timeout-seconds", 10, 1, 3_600)),
                read.integer("signaling.rate-per-second", 100, 0, 1_000_000),
                apiKey == null || apiKey.isBlank() ? randomKey() : apiKey,
                read.integer("signaling.queue-bytes", 256 * 1024, QueuedMessage.MAX_BODY_CHARS, 1 << 30),
                Duration.ofSeconds(read.integer("signaling.stall-seconds", 30, 1, 3_600)),
                // At least one message of the longest kind fits in an empty room.
                read.integer("rooms.queued-bytes", 1024 * 1024, QueuedMessage.MAX_BODY_CHARS, 1 << 30),
                read.integer("rooms.joins-per-minute", 120, 0, 1_000_000),
                read.parsed("trusted-proxies", TrustedProxies::parse, TrustedProxies.parse(TrustedProxies.DEFAULT)),
                read.parsed("public-url", PublicOrigin::parse, null),
                read.parsed("signaling.open-registration", RoomSettings::bool, false));
    }

    private static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("neither true nor false");
        };
    }

    /** Reads {@code wildrtc.*} properties; unset means the default, set means it must parse. */
    private record Reader(UnaryOperator<String> properties) {
        String text(String name) {
            return properties.apply(PREFIX + name);
        }

        /** Unset or blank: the default. */
        int integer(String name, int fallback, int min, int max) {
            String text = text(name);
            if (text == null || text.isBlank()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException notANumber) {
                // the same answer as out of range
            }
            throw invalid(name, text, "not a whole number from " + min + " to " + max);
        }

        /** Unset: the default; set, even to an empty value (an empty proxy list trusts nobody), it must parse. */
        <T> T parsed(String name, Function<String, T> parser, T fallback) {
            String text = text(name);
            if (text == null) {
                return fallback;
            }
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw invalid(name, text, e.getMessage());
            }
        }

        private static IllegalArgumentException invalid(String name, String text, String why) {
            return new IllegalArgumentException("System property " + PREFIX + name + "=" + text + " is not valid: "
                    + why);
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
