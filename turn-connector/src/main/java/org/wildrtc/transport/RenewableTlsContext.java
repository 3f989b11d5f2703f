package org.wildrtc.transport;

import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The TLS context new TURN-over-TLS connections get, following renewals of its key store without a
 * restart: every {@link #CHECK_SECONDS} seconds the file's modification time, size and identity are
 * compared with those it was last read at, and a changed file is read again. A connection keeps the
 * context it was accepted with, so a renewal leaves open connections and their allocations alone. A key
 * store that cannot be used (half written, another password, no key) leaves the current certificate in
 * place until the file changes again.
 */
final class RenewableTlsContext {
    private static final Logger LOG = Logger.getLogger(RenewableTlsContext.class);
    /** How often the key store file is looked at: new connections see a renewal within about this. */
    static final long CHECK_SECONDS = 2;

    private final TransportConfig.Tls tls;
    private final Executor blocking;
    /** Set while the key store is being read, so reads never overlap and the last one read wins. */
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile SslContext current;
    /** The file as it was when last read, successfully or not; after the start only the checking loop uses it. */
    private FileStamp read;

    private RenewableTlsContext(TransportConfig.Tls tls, Executor blocking, SslContext current, FileStamp read) {
        this.tls = tls;
        this.blocking = blocking;
        this.current = current;
        this.read = read;
    }

    /**
     * Reads the key store and checks it for changes on {@code checker}. Reading (file IO and the key
     * store's key derivation) runs on {@code blocking}, never on an event loop.
     *
     * @throws IOException when the key store cannot be used now
     */
    static RenewableTlsContext start(TransportConfig.Tls tls, EventLoop checker, Executor blocking) throws IOException {
        FileStamp stamp = FileStamp.of(tls.keystore());
        RenewableTlsContext context = new RenewableTlsContext(tls, blocking, TlsContexts.server(tls).context(), stamp);
        checker.scheduleWithFixedDelay(context::readIfChanged, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        return context;
    }

    /** The context for a connection accepted now. */
    SslContext current() {
        return current;
    }

    private void readIfChanged() {
        FileStamp now = FileStamp.of(tls.keystore());
        if (now.equals(read) || !reading.compareAndSet(false, true)) {
            return;
        }
        FileStamp before = read;
        read = now;
        try {
            blocking.execute(this::readRenewed);
        } catch (RejectedExecutionException e) {
            // an exception would end this timer: try again at the next check
            read = before;
            reading.set(false);
            LOG.debugf("Reading the renewed key store %s waits for a free thread: %s", tls.keystore(), e.getMessage());
        }
    }

    private void readRenewed() {
        try {
            TlsContexts.ServerContext renewed = TlsContexts.server(tls);
            current = renewed.context();
            X509Certificate certificate = renewed.certificate();
            LOG.infof("TURN over TLS presents the renewed certificate of %s to new connections (open ones keep "
                    + "theirs): subject %s, serial %s, valid until %s", tls.keystore(),
                    certificate.getSubjectX500Principal().getName(),
                    certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
                    certificate.getNotAfter().toInstant());
        } catch (IOException e) {
            LOG.warnf("TURN over TLS keeps presenting its current certificate: %s. The key store is read again "
                    + "when it changes", e.getMessage());
        } finally {
            reading.set(false);
        }
    }

    /**
     * What tells one version of the file from another without reading it. An atomic rename over the
     * file gives it a new file key (inode) even when time and size happen to match.
     */
    private record FileStamp(FileTime modified, long size, Object fileKey) {
        private static final FileStamp MISSING = new FileStamp(null, -1, null);

        static FileStamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
            } catch (IOException gone) {
                return MISSING; // reading it then says why it cannot be used
            }
        }
    }
}
