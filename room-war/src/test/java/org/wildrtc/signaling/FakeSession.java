package org.wildrtc.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/** A WebSocket session that records the frames written to it and its close code. */
final class FakeSession {
    final List<String> frames = new ArrayList<>();
    int closeCode;
    final Session session = proxy(Session.class, (method, args) -> switch (method) {
        case "getAsyncRemote" -> proxy(RemoteEndpoint.Async.class, (m, a) -> {
            frames.add((String) a[0]);
            ((jakarta.websocket.SendHandler) a[1]).onResult(new SendResult());
            return null;
        });
        case "getBasicRemote" -> proxy(RemoteEndpoint.Basic.class, (m, a) -> frames.add((String) a[0]) ? null : null);
        case "isOpen" -> closeCode == 0;
        case "close" -> {
            closeCode = ((CloseReason) args[0]).getCloseCode().getCode();
            yield null;
        }
        case "getId" -> "fake";
        default -> throw new UnsupportedOperationException(method);
    });

    /** Frames are written one at a time (no IO thread), never back up and are never paused. */
    final SignalingSocket socket = new SignalingSocket(session, new ReadSwitch(ReadSwitch.NONE), null,
            new SendBacklog(1 << 20), null);

    /** The messages and errors written, as {@code msg} or {@code error:<text>}. */
    List<String> texts() {
        return frames.stream().map(f -> {
            jakarta.json.JsonObject frame = jakarta.json.Json.createReader(new java.io.StringReader(f)).readObject();
            return frame.getString("error").isEmpty() ? frame.getString("msg") : "error:" + frame.getString("error");
        }).toList();
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args));
    }
}
