package org.wildrtc.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.wildrtc.signaling.SignalingProtocol;

/** Signaling messages posted over HTTP: UTF-8 text, as large as a WebSocket frame may be, not empty. */
final class MessageBodies {
    private MessageBodies() {
    }

    static String text(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException(plain("The message is empty"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException(plain("The message is not UTF-8 text"));
        }
        if (text.length() > SignalingProtocol.MAX_FRAME_CHARS) {
            throw new WebApplicationException(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("The message is longer than " + SignalingProtocol.MAX_FRAME_CHARS + " characters\n")
                    .build());
        }
        return text;
    }

    private static Response plain(String message) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}
