package org.wildrtc.stun;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and a short UTF-8 reason phrase. */
public enum ErrorCode {
    UNKNOWN_ATTRIBUTE(420, "Unknown Attribute");

    private final int code;
    private final byte[] reason;

    ErrorCode(int code, String reason) {
        this.code = code;
        this.reason = reason.getBytes(StandardCharsets.UTF_8);
    }

    public int code() {
        return code;
    }

    public MessageWriter write(MessageWriter writer) {
        int length = 4 + reason.length;
        ByteBuffer out = writer.beginAttribute(AttributeType.ERROR_CODE, length);
        out.putShort((short) 0);
        out.put((byte) (code / 100));
        out.put((byte) (code % 100));
        out.put(reason);
        return writer.endAttribute(length);
    }
}
