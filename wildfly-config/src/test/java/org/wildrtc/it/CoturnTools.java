package org.wildrtc.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** coturn's client tools (Debian package coturn), used as independent STUN/TURN clients. */
final class CoturnTools {

    private CoturnTools() {
    }

    static String path(String tool) {
        return Commands.path(tool, "coturn");
    }

    /** Runs a tool to its end (at most {@code seconds}) and returns what it printed. */
    static String run(int seconds, String tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(path(tool));
        command.addAll(List.of(arguments));
        return Commands.run(seconds, command, null).output();
    }

    /** turnutils_peer: a UDP echo peer on {@code address}, stopped by closing what this returns. */
    static AutoCloseable echoPeer(String address, int port) throws IOException {
        return stoppedOnClose(echoPeerCommand(address, port));
    }

    /** {@link #echoPeer} inside a network namespace, on one of its addresses. */
    static AutoCloseable echoPeerIn(NetworkNamespace namespace, String address, int port) throws IOException {
        return stoppedOnClose(namespace.exec(echoPeerCommand(address, port)));
    }

    private static List<String> echoPeerCommand(String address, int port) {
        return List.of(path("turnutils_peer"), "-L", address, "-p", String.valueOf(port));
    }

    private static AutoCloseable stoppedOnClose(List<String> command) throws IOException {
        Process peer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return () -> {
            peer.destroy();
            if (!peer.waitFor(5, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        };
    }
}
