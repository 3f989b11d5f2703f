package org.wildrtc.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Answers STUN Binding requests (RFC 8489 §6.3): a success response carrying the request's source
 * as XOR-MAPPED-ADDRESS, with SOFTWARE and FINGERPRINT; a 420 when the request has
 * comprehension-required attributes this server does not understand.
 */
public final class BindingResponder {
    /** RFC 8489 §14.14: SOFTWARE is fewer than 128 characters. */
    private static final int MAX_SOFTWARE_CHARACTERS = 127;

    /** Comprehension-required attributes a Binding request may carry that we understand or may ignore. */
    private static final Set<Integer> UNDERSTOOD = Set.of(
            AttributeType.MAPPED_ADDRESS, AttributeType.USERNAME, AttributeType.MESSAGE_INTEGRITY,
            AttributeType.ERROR_CODE, AttributeType.UNKNOWN_ATTRIBUTES, AttributeType.REALM, AttributeType.NONCE,
            AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.PASSWORD_ALGORITHM, AttributeType.USERHASH,
            AttributeType.XOR_MAPPED_ADDRESS);

    private final byte[] software;

    public BindingResponder(String software) {
        String trimmed = software.length() > MAX_SOFTWARE_CHARACTERS
                ? software.substring(0, MAX_SOFTWARE_CHARACTERS) : software;
        this.software = trimmed.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the answer to {@code message} at the position of {@code out}.
     *
     * @return the answer's size in bytes, or 0 when the message gets no answer (it is not a Binding
     *         request: indications and responses are never answered, RFC 8489 §6.3)
     */
    public int answer(StunMessage message, InetSocketAddress source, ByteBuffer out) {
        if (!message.type().equals(MessageType.BINDING_REQUEST)) {
            return 0;
        }
        byte[] transactionId = message.transactionId();
        List<Integer> unknown = UnknownAttributes.find(message, UNDERSTOOD);
        if (!unknown.isEmpty()) {
            MessageWriter writer = UnknownAttributes.writeError(new MessageWriter(out,
                    new MessageType(StunMethod.BINDING, MessageClass.ERROR_RESPONSE), transactionId), unknown);
            writer.attribute(AttributeType.SOFTWARE, software);
            return writer.finishWithFingerprint();
        }
        MessageWriter writer = new MessageWriter(out, MessageType.BINDING_SUCCESS, transactionId);
        XorAddress.write(writer, AttributeType.XOR_MAPPED_ADDRESS, source, transactionId);
        writer.attribute(AttributeType.SOFTWARE, software);
        return writer.finishWithFingerprint();
    }
}
