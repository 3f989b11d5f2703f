package org.wildrtc.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
