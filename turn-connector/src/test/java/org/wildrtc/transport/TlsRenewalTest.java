package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.turn.TurnTestClient;

/**
 * TURN over TLS on real loopback sockets while its key store is renewed in place, as an admin's
 * renewal does it (a new file renamed over the old): new handshakes get the new certificate, what is
 * open stays open.
 */
class TlsRenewalTest {
    private static final String PASSWORD = "store-secret";
    /** A renewal must reach new connections within a check and a read; more is a failure. */
    private static final long RENEWAL_DEADLINE_MILLIS = RenewableTlsContext.CHECK_SECONDS * 1000 + 5000;

    @TempDir
    Path dir;
    private Path keystore;
    private ExecutorService threads;
    private TurnTransport transport;
    private InetSocketAddress tls;
    /** Held here: java.util.logging keeps loggers only weakly, and a new one would have no handler. */
    private final Logger logger = Logger.getLogger(RenewableTlsContext.class.getName());
    private final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {
            // kept in memory
        }

        @Override
        public void close() {
            // kept in memory
        }
    };

    @BeforeEach
    void start() throws Exception {
        keystore = dir.resolve("server.p12");
        TestTransports.keyStore(keystore, "CN=first", PASSWORD);
        logger.addHandler(capture);
        threads = Executors.newCachedThreadPool();
        transport = TestTransports.start(any -> TestTransports.withTls(TestTransports.config(any), keystore, PASSWORD),
                threads);
        tls = transport.tlsAddress().orElseThrow();
    }

    @AfterEach
    void stop() {
        transport.close();
        threads.shutdownNow();
        logger.removeHandler(capture);
    }

    @Test
    void aRenewedKeyStoreIsPresentedToNewConnectionsWhileOpenOnesKeepTheirAllocations() throws Exception {
        assertEquals(serialIn(keystore), presentedSerial());
        BigInteger renewed;
        try (TurnTestClient overTls = TurnTestClient.overTls(tls, "alice", "secret");
             TurnTestClient overUdp = new TurnTestClient(transport.udpAddresses().get(0), "alice", "secret");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(3000);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            InetSocketAddress relayedOverTls = overTls.allocateWithChannel(0x4000, peerAddress);
            InetSocketAddress relayedOverUdp = overUdp.allocateWithChannel(0x4000, peerAddress);
            overTls.assertRelaysBothWays(0x4000, relayedOverTls, peer, "before, over TLS");
            overUdp.assertRelaysBothWays(0x4000, relayedOverUdp, peer, "before, over UDP");

            renewed = renew("CN=second", PASSWORD);
            awaitPresented(renewed);

            overTls.assertRelaysBothWays(0x4000, relayedOverTls, peer, "after, over TLS");
            overUdp.assertRelaysBothWays(0x4000, relayedOverUdp, peer, "after, over UDP");
            assertEquals(MessageType.BINDING_SUCCESS, overTls.request(StunMethod.BINDING, attributes -> { }).type(),
                    "the connection opened before the renewal still answers");
        }
        String info = logged(Level.INFO).get(0);
        assertTrue(info.contains("CN=second") && info.contains(renewed.toString(16).toUpperCase(java.util.Locale.ROOT))
                && info.contains("valid until"), info);
        assertFalse(info.contains(PASSWORD), "the password stays out of the log: " + info);
    }

    @Test
    void aKeyStoreThatCannotBeUsedLeavesTheCurrentCertificateUntilTheNextChange() throws Exception {
        BigInteger first = presentedSerial();
        Path whole = dir.resolve("whole.p12");
        TestTransports.keyStore(whole, "CN=second", PASSWORD);
        byte[] bytes = Files.readAllBytes(whole);
        // half of it, as a copy still being written in place
        Files.write(keystore, Arrays.copyOf(bytes, bytes.length / 2));
        awaitWarning(keystore.toString());
        assertEquals(first, presentedSerial());

        renew("CN=third", "another-password");
        awaitWarning("password");
        assertEquals(first, presentedSerial());

        Files.move(whole, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        awaitPresented(serialIn(keystore));
    }

    /** A new key store renamed over the current one; returns its certificate's serial. */
    private BigInteger renew(String subject, String password) throws Exception {
        Path next = dir.resolve("next.p12");
        TestTransports.keyStore(next, subject, password);
        BigInteger serial = serialIn(next, password);
        Files.move(next, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return serial;
    }

    /** The serial of the certificate a new TLS connection is presented. */
    private BigInteger presentedSerial() throws Exception {
        try (SSLSocket socket = (SSLSocket) TurnTestClient.trustingAnyCertificate().getSocketFactory()
                .createSocket(tls.getAddress(), tls.getPort())) {
            socket.setSoTimeout(3000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private void awaitPresented(BigInteger serial) throws Exception {
        long deadline = System.currentTimeMillis() + RENEWAL_DEADLINE_MILLIS;
        while (!presentedSerial().equals(serial)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("new connections still get " + presentedSerial().toString(16) + ", not "
                        + serial.toString(16) + ", " + RENEWAL_DEADLINE_MILLIS + " ms after the renewal; log: "
                        + logged(Level.ALL));
            }
            Thread.sleep(50);
        }
    }

    /** Waits for a warning that contains {@code text}, logged after the last one this waited for. */
    private void awaitWarning(String text) throws Exception {
        long deadline = System.currentTimeMillis() + RENEWAL_DEADLINE_MILLIS;
        while (logged(Level.WARNING).stream().noneMatch(warning -> warning.contains(text))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no warning with \"" + text + "\"; log: " + logged(Level.ALL));
            }
            Thread.sleep(50);
        }
        log.clear();
    }

    /** What was logged at {@code level} (JBoss Logging's levels are its own, equal in value to these). */
    private List<String> logged(Level level) {
        return log.stream().filter(record -> level == Level.ALL || record.getLevel().intValue() == level.intValue())
                .map(LogRecord::getMessage).toList();
    }

    private BigInteger serialIn(Path file) throws Exception {
        return serialIn(file, PASSWORD);
    }

    private static BigInteger serialIn(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return ((X509Certificate) store.getCertificate("server")).getSerialNumber();
    }

}
