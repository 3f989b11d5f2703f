package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.as.controller.client.ModelControllerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildrtc.turn.TurnTestClient;

/**
 * bin/wildrtc-certificate.sh installs a PEM chain and key, as an admin has them from Let's Encrypt,
 * made here by a test CA with openssl: HTTPS and TURN over TLS then present that certificate to new
 * connections, which a client trusting only the test CA accepts for 127.0.0.1, without a reload: a call's
 * signaling and its TURN allocations go on. The server's own key store comes back at the end.
 */
class CertificateIT extends RunningServerTest {
    private static final Path SERVER = Path.of(System.getProperty("it.server.dir", "it-server"));
    private static final Path KEY_STORE = SERVER.resolve("standalone/configuration/application.keystore");

    @TempDir
    Path dir;

    @Test
    void anInstalledChainIsWhatHttpsAndTurnOverTlsPresentForEcAndRsaKeys() throws Exception {
        byte[] original = Files.readAllBytes(KEY_STORE);
        Pem ca = testCa();
        try {
            // EC key in OpenSSL's traditional form ("BEGIN EC PRIVATE KEY"), as certbot's ecdsa keys were
            Pem ec = signedEcKey(ca, "ec");
            Result installed = install(ec.chain(), dir.resolve("ec.key"));
            assertEquals(0, installed.exitCode(), installed.output());
            assertTrue(installed.output().contains("no reload"), installed.output());
            assertPresented(ca, ec, TestServer.port("https"));
            awaitPresented(ca, ec, TestServer.port("turns"));
            assertArrayEquals(original, Files.readAllBytes(backups().get(0)), "the previous key store is kept");

            // RSA key in PKCS#8 ("BEGIN PRIVATE KEY"), certbot's default
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key");
            Pem rsa = signed(ca, "rsa", "rsa.key");
            installed = install(rsa.chain(), dir.resolve("rsa.key"));
            assertEquals(0, installed.exitCode(), installed.output());
            assertPresented(ca, rsa, TestServer.port("https"));
            awaitPresented(ca, rsa, TestServer.port("turns"));
        } finally {
            restore(original);
        }
    }

    /**
     * A renewal during a call: both members' signaling sockets (HTTPS) and TURN allocations made before
     * it, over UDP and over a TURN-over-TLS connection, still carry the call after it. A reload would
     * have closed every one of them.
     */
    @Test
    void aRenewalDuringACallKeepsItsSignalingAndItsAllocationsOverUdpAndTls() throws Exception {
        byte[] original = Files.readAllBytes(KEY_STORE);
        Pem ca = testCa();
        Pem ec = signedEcKey(ca, "ec");
        String room = Rooms.fresh("renewal");
        Rooms.Joined caller = Rooms.join(room);
        Rooms.Joined callee = Rooms.join(room);
        InetSocketAddress turns = new InetSocketAddress("127.0.0.1", TestServer.port("turns"));
        try (WebSocketClient callerSignaling = Rooms.connect(caller, false);
             WebSocketClient calleeSignaling = Rooms.connect(callee, false);
             TurnTestClient overUdp = new TurnTestClient(TestServer.turn(), "alice", "alice-password");
             TurnTestClient overTls = TurnTestClient.overTls(turns, "alice", "alice-password");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(5000);
            BigInteger httpsBefore = presented(TestServer.port("https")).getSerialNumber();
            BigInteger turnsBefore = presented(turns.getPort()).getSerialNumber();
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            InetSocketAddress relayedOverUdp = overUdp.allocateWithChannel(0x4000, peerAddress);
            InetSocketAddress relayedOverTls = overTls.allocateWithChannel(0x4000, peerAddress);
            overUdp.assertRelaysBothWays(0x4000, relayedOverUdp, peer, "before the renewal, over UDP");
            overTls.assertRelaysBothWays(0x4000, relayedOverTls, peer, "before the renewal, over TLS");

            Result installed = install(ec.chain(), dir.resolve("ec.key"));
            assertEquals(0, installed.exitCode(), installed.output());
            assertPresented(ca, ec, TestServer.port("https"));
            awaitPresented(ca, ec, turns.getPort());
            assertNotEquals(httpsBefore, ec.leaf().getSerialNumber());
            assertNotEquals(turnsBefore, ec.leaf().getSerialNumber());

            overUdp.assertRelaysBothWays(0x4000, relayedOverUdp, peer, "after the renewal, over UDP");
            overTls.assertRelaysBothWays(0x4000, relayedOverTls, peer, "after the renewal, over TLS");
            callerSignaling.send(Rooms.send("{\"type\":\"candidate\"}"));
            assertEquals(Rooms.delivered("{\"type\":\"candidate\"}", caller), calleeSignaling.nextFrame());
            calleeSignaling.send(Rooms.send("{\"type\":\"answer\"}"));
            assertEquals(Rooms.delivered("{\"type\":\"answer\"}", callee), callerSignaling.nextFrame());
        } finally {
            restore(original);
        }
    }

    @Test
    void aKeyOfAnotherCertificateOrFilesSwappedAreRefusedAndChangeNothing() throws Exception {
        byte[] original = Files.readAllBytes(KEY_STORE);
        Pem ca = testCa();
        Pem ec = signedEcKey(ca, "ec");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.key");

        Result mismatched = install(ec.chain(), dir.resolve("other.key"));
        assertEquals(1, mismatched.exitCode());
        assertTrue(mismatched.output().contains("does not belong to the first certificate"), mismatched.output());
        Result swapped = install(dir.resolve("ec.key"), ec.chain());
        assertEquals(1, swapped.exitCode());
        assertTrue(swapped.output().contains("holds no PEM certificate"), swapped.output());
        // the CA's certificate is not the server's: the chain must start with the server's own
        Result caFirst = install(dir.resolve("ca.pem"), dir.resolve("ec.key"));
        assertEquals(1, caFirst.exitCode());
        assertTrue(caFirst.output().contains("does not belong to the first certificate"), caFirst.output());

        assertArrayEquals(original, Files.readAllBytes(KEY_STORE));
        assertEquals(List.of(), backups());
    }

    @Test
    void withoutTheKeyStorePasswordInTheConfigurationItRefusesAndSaysWhy() throws Exception {
        // a server tree whose standalone.xml lacks the property, as a WildFly nobody ran our scripts on
        Path home = dir.resolve("wildfly");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("standalone/configuration"));
        Files.copy(SERVER.resolve("bin/wildrtc-certificate.sh"), home.resolve("bin/wildrtc-certificate.sh"));
        Files.writeString(home.resolve("standalone/configuration/standalone.xml"), "<server/>\n");
        Pem ca = testCa();
        Pem ec = signedEcKey(ca, "ec");

        Result refused = run(List.of("sh", home.resolve("bin/wildrtc-certificate.sh").toString(),
                ec.chain().toString(), dir.resolve("ec.key").toString()));
        assertEquals(1, refused.exitCode());
        assertTrue(refused.output().contains("no key store password"), refused.output());
        assertTrue(Files.notExists(home.resolve("standalone/configuration/application.keystore")));
    }

    /** A certificate for the test CA itself, and its key, in dir. */
    private Pem testCa() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
                "-subj", "/CN=WildRTC IT CA");
        return new Pem(dir.resolve("ca.pem"), certificate(dir.resolve("ca.pem")));
    }

    /** A new EC key in OpenSSL's traditional form as name.key, and a certificate the CA signs for it. */
    private Pem signedEcKey(Pem ca, String name) throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".key");
        return signed(ca, name, name + ".key");
    }

    /** A certificate the CA signs for the key, for 127.0.0.1, as name.pem, and the chain name-fullchain.pem. */
    private Pem signed(Pem ca, String name, String key) throws Exception {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:it.wildrtc.test,IP:127.0.0.1\n");
        openssl("req", "-new", "-key", key, "-subj", "/CN=it.wildrtc.test " + name, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "1", "-extfile", "san.ext", "-out", name + ".pem");
        Path chain = dir.resolve(name + "-fullchain.pem");
        Files.write(chain, concat(Files.readAllBytes(dir.resolve(name + ".pem")), Files.readAllBytes(ca.chain())));
        return new Pem(chain, certificate(dir.resolve(name + ".pem")));
    }

    /** The handshake with a client that trusts only the test CA and checks the address: it sees the leaf. */
    private static void assertPresented(Pem ca, Pem expected, int port) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.leaf());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            Certificate[] presented = socket.getSession().getPeerCertificates();
            assertEquals(expected.leaf(), presented[0], "port " + port);
            assertEquals(ca.leaf(), presented[presented.length - 1], "port " + port + " sends the chain");
        }
    }

    /**
     * Waits for new connections to {@code port} to be presented {@code expected}, then checks it as
     * {@link #assertPresented} does: TURN over TLS looks at its key store every couple of seconds.
     */
    private static void awaitPresented(Pem ca, Pem expected, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!presented(port).equals(expected.leaf())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("port " + port + " still presents " + presented(port).getSubjectX500Principal()
                        + " 15 s after the renewal, not " + expected.leaf().getSubjectX500Principal());
            }
            Thread.sleep(100);
        }
        assertPresented(ca, expected, port);
    }

    /** The certificate a new TLS connection to {@code port} is presented, whoever signed it. */
    private static X509Certificate presented(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) TurnTestClient.trustingAnyCertificate().getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }


    private Result install(Path chain, Path key) throws Exception {
        return run(List.of(SERVER.resolve("bin/wildrtc-certificate.sh").toString(),
                "--controller=127.0.0.1:" + TestServer.port("management"), chain.toString(), key.toString()));
    }

    /** Puts the build's key store back (the tests after this one see the server as the build made it). */
    private void restore(byte[] original) throws Exception {
        Path next = KEY_STORE.resolveSibling("application.keystore.it-restore");
        Files.write(next, original);
        Files.move(next, KEY_STORE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (Path backup : backups()) {
            Files.delete(backup);
        }
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"))) {
            TestServer.reload(management);
        }
    }

    private static List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(KEY_STORE.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("application\\.keystore\\..*\\.bak"))
                    .sorted().toList();
        }
    }

    private void openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Result result = run(command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.output());
    }

    private Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " did not finish within 180 s");
            }
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** A PEM file (a chain, or the CA's certificate) and the certificate it starts with. */
    private record Pem(Path chain, X509Certificate leaf) {
    }

    private record Result(int exitCode, String output) {
    }
}
