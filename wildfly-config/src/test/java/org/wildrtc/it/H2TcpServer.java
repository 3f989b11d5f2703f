package org.wildrtc.it;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An H2 database server over TCP in the test JVM, from the H2 jar the test server's own driver module
 * holds (so client and server speak one protocol version), on a free loopback port; it can be stopped
 * and started again on that port with the same files, as a database that goes away and comes back.
 */
final class H2TcpServer implements AutoCloseable {
    private final Class<?> serverClass;
    private final Path directory;
    private final int port;
    private Object running;

    private H2TcpServer(Class<?> serverClass, Path directory, int port) {
        this.serverClass = serverClass;
        this.directory = directory;
        this.port = port;
    }

    /** A new database in {@code directory}: one an earlier run left has another build's password. */
    static H2TcpServer start(Path directory) throws Exception {
        TestFiles.fresh(directory);
        // H2 reads it when its classes load: listen on loopback only, not on every address.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        URLClassLoader h2 = new URLClassLoader(new URL[] {serversH2Jar().toUri().toURL()},
                H2TcpServer.class.getClassLoader());
        Class<?> serverClass = h2.loadClass("org.h2.tools.Server");
        // A port found free may be taken by a connection's local port before H2 binds it: take another.
        for (int attempt = 1; ; attempt++) {
            H2TcpServer server = new H2TcpServer(serverClass, directory, FreePorts.tcp());
            try {
                server.start();
                return server;
            } catch (InvocationTargetException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** The JDBC URL of database {@code name} on this server. */
    String url(String name) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + name;
    }

    void start() throws Exception {
        Method create = serverClass.getMethod("createTcpServer", String[].class);
        // -ifNotExists: the server's first connection creates the database, with its user and password.
        running = create.invoke(null, (Object) new String[] {"-tcpPort", String.valueOf(port), "-baseDir",
                directory.toString(), "-ifNotExists"});
        serverClass.getMethod("start").invoke(running);
    }

    /** Stops listening and closes every connection clients hold. */
    void stop() throws Exception {
        if (running != null) {
            serverClass.getMethod("stop").invoke(running);
            running = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private static Path serversH2Jar() throws IOException {
        Path module = Path.of(System.getProperty("it.server.dir"), "modules", "system", "layers", "base", "com",
                "h2database", "h2", "main");
        try (Stream<Path> files = Files.list(module)) {
            return files.filter(file -> file.getFileName().toString().matches("h2-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no H2 jar in " + module));
        }
    }
}
