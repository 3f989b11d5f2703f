package org.wildrtc.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders under target/ that a test starts afresh. */
final class TestFiles {
    private TestFiles() {
    }

    /** {@code directory}, empty: whatever an earlier run left there is deleted. */
    static Path fresh(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(directory);
    }
}
