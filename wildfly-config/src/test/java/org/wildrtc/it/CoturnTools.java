package org.wildrtc.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** coturn's client tools (Debian package coturn), used as independent STUN/TURN clients. */
final class CoturnTools {

    private CoturnTools() {
    }

    static String path(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(tool + " is not on the PATH: install the Debian package coturn (.ci/run does)");
    }

    /** Runs a tool to its end (at most {@code seconds}) and returns what it printed. */
    static String run(int seconds, String tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(path(tool));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(tool + " did not finish within " + seconds + " s: "
                        + String.join(" ", command));
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }

    /** turnutils_peer: a UDP echo peer on {@code address}, stopped by closing what this returns. */
    static AutoCloseable echoPeer(String address, int port) throws IOException {
        Process peer = new ProcessBuilder(path("turnutils_peer"), "-L", address, "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return () -> {
            peer.destroy();
            if (!peer.waitFor(5, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        };
    }
}
