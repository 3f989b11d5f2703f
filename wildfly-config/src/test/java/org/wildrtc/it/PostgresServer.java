package org.wildrtc.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (Debian's {@code postgresql} package) for a test cluster's nodes: a fresh
 * cluster made by initdb under {@code target/}, on a free loopback port, one database; stopped by its
 * PID afterwards. Only loopback connects, with trust authentication. PostgreSQL refuses to run as
 * root: as root, it runs as the package's {@code postgres} user.
 */
final class PostgresServer implements AutoCloseable {
    static final String DATABASE = "rooms";
    static final String USER = "wildrtc";
    private static final int SECONDS = 60;

    private final Path data;
    private final Path bin;
    private final int port;
    private final Process process;

    private PostgresServer(Path data, Path bin, int port, Process process) {
        this.data = data;
        this.bin = bin;
        this.port = port;
        this.process = process;
    }

    static PostgresServer start(Path directory) throws Exception {
        Path bin = binaries();
        TestFiles.fresh(directory);
        // PostgreSQL changes to its data directory: relative paths would no longer be found.
        Path data = directory.toAbsolutePath().resolve("data");
        Files.createDirectories(data);
        if (asRoot()) {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(directory, postgres);
            Files.setOwner(data, postgres);
        }
        Commands.check(SECONDS, asDatabaseUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--auth=trust", "--encoding=UTF8", "--no-sync"), null);
        int port = FreePorts.tcp();
        Process process = new ProcessBuilder(asDatabaseUser(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", data.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "max_connections=100"))
                .redirectErrorStream(true).redirectOutput(directory.resolve("postgres.log").toFile()).start();
        PostgresServer server = new PostgresServer(data, bin, port, process);
        try {
            server.awaitReady();
            server.sql("postgres", "create database " + DATABASE);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The system properties that point a node's datasource here (cli/datasource.cli). */
    List<String> nodeSettings() {
        return List.of("-Dwildrtc.db.driver=postgresql", "-Dwildrtc.db.url=" + jdbcUrl(), "-Dwildrtc.db.user=" + USER,
                // trust authentication: any password does, but the setting is there as in production
                "-Dwildrtc.db.password=not-checked-on-loopback");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** One query's rows, a line each, columns separated by {@code |}. */
    String query(String sql) throws Exception {
        return sql(DATABASE, sql).strip();
    }

    private String sql(String database, String sql) throws Exception {
        return Commands.check(SECONDS, List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", USER, "-d", database, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
                "-c", sql), null);
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (Commands.run(10, List.of(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", USER), null).exitCode() != 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not accept connections within " + SECONDS + " s"
                        + (process.isAlive() ? "" : " (it ended)") + "; see postgres.log");
            }
            Thread.sleep(200);
        }
    }

    /** Stops the postmaster by its PID (SIGTERM: it waits for no client, the nodes are gone by then). */
    @Override
    public void close() throws Exception {
        Path pidFile = data.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        if (!process.waitFor(SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The newest PostgreSQL of the Debian package: its programs are not on the PATH. */
    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                List<Path> found = installed.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                        .sorted(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                        .toList();
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1);
                }
            }
        }
        throw new IllegalStateException("no PostgreSQL server under " + versions
                + ": install the Debian package postgresql (.ci/run does)");
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asDatabaseUser(String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of(Commands.path("runuser", "util-linux"), "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }
}
