package org.wildrtc.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The provisioned WildRTC server started as an admin starts it, {@code bin/standalone.sh} with
 * arguments and system properties: inside a network namespace, or on loopback beside the server
 * Arquillian manages (a cluster's nodes). It runs from the integration tests' copy of the server
 * with a server base directory of its own (a fresh copy of the provisioned {@code standalone}
 * folder), so the server Arquillian manages is left alone.
 */
final class ServerProcess implements AutoCloseable {
    private static final int START_SECONDS = 180;
    private static final int STOP_SECONDS = 60;
    private static final String STARTED = "WFLYSRV0025";
    private static final String STARTED_WITH_ERRORS = "WFLYSRV0026";

    private final Process script;
    private final Path pidFile;
    private final Path console;

    private ServerProcess(Process script, Path pidFile, Path console) {
        this.script = script;
        this.pidFile = pidFile;
        this.console = console;
    }

    /**
     * Starts the server in {@code namespace}, listening on every address there, with {@code settings}
     * ({@code -D…}) and waits until it has started with every deployment; its files and console log
     * go to {@code directory}.
     */
    static ServerProcess inNamespace(NetworkNamespace namespace, Path directory, List<String> settings) throws Exception {
        String listening = namespace.run(Commands.path("ss", "iproute2"), "-H", "-l", "-n", "-t", "-u");
        if (!listening.isBlank()) {
            throw new IllegalStateException("the server's ports must be free in " + namespace + ", but: " + listening);
        }
        List<String> arguments = new ArrayList<>(List.of("-b", "0.0.0.0"));
        arguments.addAll(settings);
        return start(namespace::exec, directory, arguments);
    }

    /**
     * Starts the server on this machine with {@code arguments} (the caller has checked its ports are
     * free), as {@link #inNamespace}.
     */
    static ServerProcess here(Path directory, List<String> arguments) throws Exception {
        return start(UnaryOperator.identity(), directory, arguments);
    }

    private static ServerProcess start(UnaryOperator<List<String>> launcher, Path directory, List<String> arguments)
            throws Exception {
        Files.createDirectories(directory);
        Path base = directory.resolve("standalone");
        copyFresh(Path.of(System.getProperty("it.provisioned.server.dir"), "standalone"), base);
        Path pidFile = directory.resolve("server.pid");
        Files.deleteIfExists(pidFile);
        Path console = directory.resolve("console.log");
        // Through sh: the tests' copy of the server has lost the scripts' executable bits.
        List<String> command = new ArrayList<>(List.of("sh",
                Path.of(System.getProperty("it.server.dir"), "bin", "standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(launcher.apply(command)).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        // standalone.sh writes the server JVM's PID there; in the background mode it also passes
        // signals on to it.
        builder.environment().put("JBOSS_PIDFILE", pidFile.toString());
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        ServerProcess server = new ServerProcess(builder.start(), pidFile, console);
        try {
            server.awaitStarted();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server's console log so far. */
    String log() throws IOException {
        return Files.readString(console);
    }

    private void awaitStarted() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (true) {
            String log = Files.readString(console);
            if (log.contains(STARTED)) {
                return;
            }
            String failure = log.contains(STARTED_WITH_ERRORS) ? "started with errors"
                    : !script.isAlive() ? "ended" : System.nanoTime() > deadline ? "had not started after " + START_SECONDS + " s" : null;
            if (failure != null) {
                throw new IllegalStateException("the server " + failure + ": " + errors(log)
                        + "\n(whole log: " + console + ")");
            }
            Thread.sleep(250);
        }
    }

    private static String errors(String log) {
        return String.join("\n", log.lines().filter(line -> line.contains("ERROR") || line.contains("WFLYSRV")).toList());
    }

    private static void copyFresh(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path path : files.toList()) {
                Path relative = from.relativize(path);
                if (relative.startsWith("log") || relative.startsWith("tmp")) {
                    continue;
                }
                Files.copy(path, to.resolve(relative.toString()));
            }
        }
    }

    /** Ends the server JVM at once by its PID (SIGKILL), as a crash would: no clean shutdown. */
    void kill() throws Exception {
        ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroyForcibly);
        script.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops the server JVM by its PID (SIGTERM: WildFly shuts down cleanly), forcibly if it hangs. */
    @Override
    public void close() throws Exception {
        if (Files.exists(pidFile)) {
            ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroy);
        }
        script.destroy();
        if (!script.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            if (Files.exists(pidFile)) {
                ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
            script.destroyForcibly();
        }
    }

    private long pid() throws IOException {
        return Long.parseLong(Files.readString(pidFile).trim());
    }
}
