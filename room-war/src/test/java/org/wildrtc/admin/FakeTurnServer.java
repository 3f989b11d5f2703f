package org.wildrtc.admin;

import java.util.function.Function;
import org.wildrtc.ice.TurnServer;
import org.wildrtc.jca.api.TurnConnection;

/** Asks one connection double instead of the connector. */
final class FakeTurnServer extends TurnServer {
    private final TurnConnection connection;

    FakeTurnServer(TurnConnection connection) {
        this.connection = connection;
    }

    @Override
    public <T> T ask(Function<TurnConnection, T> question) {
        return question.apply(connection);
    }
}
