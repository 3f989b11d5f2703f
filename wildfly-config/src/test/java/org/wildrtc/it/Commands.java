package org.wildrtc.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Programs the tests run: found on the PATH (or failing with the Debian package to install), run to their end in bounded time. */
final class Commands {

    private Commands() {
    }

    /** What a program printed (standard output and error together) and how it ended. */
    record Result(int exitCode, String output) {
    }

    static String path(String program, String debianPackage) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(program + " is not on the PATH: install the Debian package " + debianPackage
                + " (.ci/run does)");
    }

    /** Runs {@code command} to its end, at most {@code seconds}, with {@code input} (or nothing) on its standard input. */
    static Result run(int seconds, List<String> command, String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s");
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    /** Runs {@code command} as {@link #run} does and requires it to succeed; returns what it printed. */
    static String check(int seconds, List<String> command, String input) throws IOException, InterruptedException {
        Result result = run(seconds, command, input);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + result.exitCode()
                    + ": " + result.output());
        }
        return result.output();
    }

    static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
