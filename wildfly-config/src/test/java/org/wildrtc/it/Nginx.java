package org.wildrtc.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx (Debian package), in a network namespace or on this machine's loopback, serving one
 * {@code server} block (with its {@code upstream}, if any) as an admin would write it in
 * {@code sites-enabled}: this class only puts in the test certificate's paths and wraps the block in
 * a main configuration of its own, whose files all stay in one directory.
 */
final class Nginx implements AutoCloseable {
    private static final Pattern CERTIFICATE = Pattern.compile("(ssl_certificate)\\s+[^;]+;");
    private static final Pattern KEY = Pattern.compile("(ssl_certificate_key)\\s+[^;]+;");
    private static final int START_SECONDS = 10;

    private final Process nginx;

    private Nginx(Process nginx) {
        this.nginx = nginx;
    }

    /** A certificate's and its private key's files, in PEM. */
    record Certificate(Path chain, Path key) {
    }

    /** A self-signed certificate for {@code name} (openssl), in {@code directory}. */
    static Certificate certificate(Path directory, String name) throws Exception {
        Files.createDirectories(directory);
        Path certificate = directory.resolve(name + ".crt");
        Path key = directory.resolve(name + ".key");
        Commands.check(30, List.of(Commands.path("openssl", "openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=DNS:" + name), null);
        return new Certificate(certificate, key);
    }

    /** Starts nginx in {@code namespace} with {@code serverBlock} and waits until it listens on {@code port}. */
    static Nginx inNamespace(NetworkNamespace namespace, Path directory, String serverBlock, Certificate certificate,
            int port) throws Exception {
        return start(namespace::exec, directory, serverBlock, certificate, port);
    }

    /** As {@link #inNamespace}, on this machine: the block listens on a loopback port the caller checked is free. */
    static Nginx here(Path directory, String serverBlock, Certificate certificate, int port) throws Exception {
        return start(UnaryOperator.identity(), directory, serverBlock, certificate, port);
    }

    private static Nginx start(UnaryOperator<List<String>> launcher, Path directory, String serverBlock,
            Certificate certificate, int port) throws Exception {
        Path temp = directory.resolve("temp");
        Files.createDirectories(temp);
        // Workers run as nobody and buffer large answers there.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path server = directory.resolve("server.conf");
        Files.writeString(server, withCertificate(serverBlock, certificate));
        Path main = directory.resolve("nginx.conf");
        Files.writeString(main, """
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events {
                    worker_connections 256;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    include %3$s;
                }
                """.formatted(directory, temp, server));
        String nginxPath = Commands.path("nginx", "nginx");
        Commands.check(20, launcher.apply(List.of(nginxPath, "-t", "-q", "-p", directory.toString(), "-c",
                main.toString(), "-e", directory.resolve("error.log").toString())), null);
        Process process = new ProcessBuilder(launcher.apply(List.of(nginxPath, "-p", directory.toString(), "-c",
                main.toString(), "-e", directory.resolve("error.log").toString()))).redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        List<String> listening = launcher.apply(List.of(Commands.path("ss", "iproute2"), "-H", "-l", "-n", "-t",
                "sport = :" + port));
        while (Commands.check(10, listening, null).isBlank()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                nginx.close();
                throw new IllegalStateException("nginx did not listen on " + port + " within " + START_SECONDS
                        + " s: " + Files.readString(directory.resolve("error.log")));
            }
            Thread.sleep(100);
        }
        return nginx;
    }

    /** The block with the test certificate's paths; it must name a certificate and a key once each. */
    static String withCertificate(String serverBlock, Certificate certificate) {
        return replaceOnce(KEY, replaceOnce(CERTIFICATE, serverBlock, certificate.chain()), certificate.key());
    }

    private static String replaceOnce(Pattern directive, String block, Path path) {
        Matcher matcher = directive.matcher(block);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the server block has no " + directive + ": " + block);
        }
        String replaced = block.substring(0, matcher.start()) + matcher.group(1) + " " + path + ";" + block.substring(matcher.end());
        if (directive.matcher(block).results().count() != 1) {
            throw new IllegalArgumentException("the server block names more than one " + directive);
        }
        return replaced;
    }

    /** SIGTERM: nginx's fast shutdown. */
    @Override
    public void close() throws InterruptedException {
        nginx.destroy();
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly();
        }
    }
}
