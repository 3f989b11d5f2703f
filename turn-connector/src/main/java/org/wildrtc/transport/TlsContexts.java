package org.wildrtc.transport;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The TLS server context for TURN over TLS, from the key store the configuration names. */
final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /**
     * A context and the certificate it presents, for the log.
     *
     * @param certificate the certificate of the key store's first key entry
     */
    record ServerContext(SslContext context, X509Certificate certificate) {
    }

    /** @throws IOException naming the key store and why it cannot be used: missing, unreadable, wrong password, no key */
    static ServerContext server(TransportConfig.Tls tls) throws IOException {
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore store = KeyStore.getInstance(tls.keystore().toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, tls.password());
            X509Certificate certificate = firstKeyCertificate(store);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, tls.password());
            // The JDK's context wrapped as it is: SslContextBuilder's server path first runs Netty's
            // JdkSslServerContext class initializer, which builds and encrypts a PKCS#12 key store of its
            // own to probe the JDK, 0.2 s of CPU in the middle of every deployment.
            SSLContext jdk = SSLContext.getInstance("TLS");
            jdk.init(keys.getKeyManagers(), null, null);
            return new ServerContext(new JdkSslContext(jdk, false, null, IdentityCipherSuiteFilter.INSTANCE,
                    ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, PROTOCOLS, false), certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot use key store " + tls.keystore() + ": " + reason(e), e);
        }
    }

    /** A key store without a private key would still build a context, whose every handshake then fails. */
    private static X509Certificate firstKeyCertificate(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        throw new java.security.KeyStoreException("it holds no private key with an X.509 certificate");
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof java.io.EOFException) {
            return "it ends early (still being written?)";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
