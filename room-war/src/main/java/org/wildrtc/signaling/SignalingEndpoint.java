package org.wildrtc.signaling;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import org.jboss.logging.Logger;
import org.wildrtc.config.RoomSettings;

/**
 * The Collider-compatible signaling WebSocket at {@code /ws} (docs/api.md). One instance per socket.
 * Its handlers run on Undertow's IO thread (cli/websockets.cli): a {@code send} between live
 * members is delivered right there, which saves two thread hand-offs per message; everything that
 * may wait (database, blocking sends before a close) goes to the socket's {@link SerialLane}.
 */
@ServerEndpoint("/ws")
public class SignalingEndpoint {
    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class);
    /** The container's own cap on what it buffers; the protocol's smaller limit gets a readable error first. */
    private static final int MAX_BUFFERED_BYTES = 4 * SignalingProtocol.MAX_FRAME_CHARS;

    @Inject
    RoomChannels channels;

    @Inject
    RoomSettings settings;

    @Inject
    SignalingStats stats;

    @Inject
    RegisterDeadline registerDeadline;

    @Inject
    SignalingWorkers workers;

    @Inject
    StallWatch stalls;

    private SignalingSocket socket;
    private SerialLane lane;

    @OnOpen
    public void onOpen(Session session) {
        ReadSwitch reads = new ReadSwitch(UndertowSockets.reads(session));
        int queueChars = settings.socketQueueChars();
        socket = new SignalingSocket(session, reads, UndertowSockets.ioThread(session), new SendBacklog(queueChars), stalls);
        lane = workers.newLane(reads, queueChars);
        stats.opened();
        registerDeadline.watch(socket, settings.registerTimeout());
    }

    @OnMessage(maxMessageSize = MAX_BUFFERED_BYTES)
    public void onText(String text) {
        Command command = SignalingProtocol.read(text);
        // Only while the lane is idle: else this frame would overtake the socket's earlier ones.
        if (command instanceof Command.Send send && lane.idle()) {
            Reply reply = channels.trySend(socket, send);
            if (reply != RoomChannels.SLOW_PATH) {
                if (reply != null) {
                    socket.reply(reply);
                }
                return;
            }
        }
        lane.submit(() -> handle(command), text.length());
    }

    private void handle(Command command) {
        Reply reply;
        if (command instanceof Command.Register register) {
            reply = channels.register(socket, register);
        } else if (command instanceof Command.Send send) {
            reply = channels.send(socket, send);
        } else {
            reply = ((Command.Rejected) command).reply();
        }
        if (reply != null) {
            socket.reply(reply);
        }
    }

    @OnMessage(maxMessageSize = MAX_BUFFERED_BYTES)
    public void onBinary(ByteBuffer data) {
        lane.submit(() -> socket.reply(Reply.unreadable("Invalid message: binary frames are not supported")));
    }

    @OnClose
    public void onClose() {
        stats.closed();
        socket.closed();
        lane.submit(() -> channels.closed(socket));
    }

    @OnError
    public void onError(Session session, Throwable error) {
        stats.socketError();
        LOG.debugf("Signaling %s failed: %s", socket, error.toString());
    }
}
