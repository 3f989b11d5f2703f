package org.wildrtc.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/** The TLS server context for TURN over TLS, from the key store the configuration names. */
final class TlsContexts {
    private TlsContexts() {
    }

    static SslContext server(TransportConfig.Tls tls) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            store = KeyStore.getInstance(tls.keystore().toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, tls.password());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, tls.password());
            return SslContextBuilder.forServer(keys).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use key store " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }
}
