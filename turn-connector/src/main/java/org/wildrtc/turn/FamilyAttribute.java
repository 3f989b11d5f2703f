package org.wildrtc.turn;

import java.util.Optional;

/**
 * The value of a REQUESTED-ADDRESS-FAMILY or ADDITIONAL-ADDRESS-FAMILY attribute (RFC 8656 §18.6,
 * §18.11): one family byte, then three reserved ones.
 */
final class FamilyAttribute {
    static final int IPV4 = 0x01;
    static final int IPV6 = 0x02;
    static final int ABSENT = 0;
    /** Neither IPv4 nor IPv6, or not four bytes long. */
    static final int INVALID = -1;

    private FamilyAttribute() {
    }

    /** {@link #IPV4}, {@link #IPV6}, {@link #ABSENT} or {@link #INVALID}. */
    static int read(Exchange x, int attributeType) {
        Optional<byte[]> value = x.request.attribute(attributeType).map(x.request::value);
        if (value.isEmpty()) {
            return ABSENT;
        }
        byte[] family = value.get();
        return family.length == 4 && (family[0] == IPV4 || family[0] == IPV6) ? family[0] : INVALID;
    }
}
