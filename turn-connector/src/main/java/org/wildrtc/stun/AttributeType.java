package org.wildrtc.stun;

/**
 * STUN attribute type numbers (RFC 8489 §18.3, RFC 8656 §18, RFC 6062 §6.2).
 *
 * <p>RFC 8489 §14: types below 0x8000 are comprehension-required, the rest comprehension-optional.
 */
public final class AttributeType {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int PASSWORD_ALGORITHM = 0x001D;
    public static final int USERHASH = 0x001E;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    // RFC 8656 §18 (TURN) and RFC 6062 §6.2 (TCP relay)
    public static final int CHANNEL_NUMBER = 0x000C;
    public static final int LIFETIME = 0x000D;
    public static final int XOR_PEER_ADDRESS = 0x0012;
    public static final int DATA = 0x0013;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    public static final int EVEN_PORT = 0x0018;
    public static final int REQUESTED_TRANSPORT = 0x0019;
    public static final int DONT_FRAGMENT = 0x001A;
    public static final int RESERVATION_TOKEN = 0x0022;
    public static final int CONNECTION_ID = 0x002A;
    public static final int ADDITIONAL_ADDRESS_FAMILY = 0x8000;
    public static final int ADDRESS_ERROR_CODE = 0x8001;
    /**
     * The draft codepoints of the two (draft-ietf-tram-turnbis), which clients built before RFC 8656
     * still send: coturn up to 4.6, whose turnutils_uclient -Z Debian ships.
     */
    public static final int ADDITIONAL_ADDRESS_FAMILY_DRAFT = 0x8032;
    public static final int ADDRESS_ERROR_CODE_DRAFT = 0x8033;
    public static final int ICMP = 0x8004;
    public static final int PASSWORD_ALGORITHMS = 0x8002;
    public static final int ALTERNATE_DOMAIN = 0x8003;
    public static final int SOFTWARE = 0x8022;
    public static final int ALTERNATE_SERVER = 0x8023;
    public static final int FINGERPRINT = 0x8028;

    private AttributeType() {
    }

    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }
}
