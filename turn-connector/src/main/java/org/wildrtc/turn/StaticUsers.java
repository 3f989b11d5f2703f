package org.wildrtc.turn;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.wildrtc.stun.PasswordAlgorithm;

/**
 * Long-term users configured by the admin, as {@code user:password} pairs (coturn's {@code user=}
 * lines), or as {@code user:0xKEY} with the key coturn stores instead of the password: the hex of
 * MD5(username ":" realm ":" password), the RFC 8489 §9.2.2 key, as {@code turnadmin -k} prints it.
 */
public final class StaticUsers implements CredentialSource {
    /** coturn's form: 0x and the 16 bytes of an MD5 digest. */
    private static final Pattern MD5_KEY = Pattern.compile("0x[0-9A-Fa-f]{32}");

    private final Map<String, String> passwords;
    private final Map<String, byte[]> md5Keys;

    public StaticUsers(Map<String, String> passwords) {
        this(passwords, Map.of());
    }

    private StaticUsers(Map<String, String> passwords, Map<String, byte[]> md5Keys) {
        this.passwords = Map.copyOf(passwords);
        this.md5Keys = Map.copyOf(md5Keys);
    }

    /**
     * Parses {@code alice:secret1,bob:0x<32 hex digits>}; a password may contain ':' but not ','. As in
     * coturn, a password that is 0x and 32 hex digits is taken for a key.
     */
    public static StaticUsers parse(String text) {
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, byte[]> md5Keys = new LinkedHashMap<>();
        if (text != null) {
            for (String entry : text.split(",")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0 || colon == trimmed.length() - 1) {
                    // Never echo the entry: it holds a password.
                    throw new IllegalArgumentException("a static TURN user must be written user:password or user:0xKEY");
                }
                String username = trimmed.substring(0, colon);
                String secret = trimmed.substring(colon + 1);
                if (MD5_KEY.matcher(secret).matches()) {
                    md5Keys.put(username, HexFormat.of().parseHex(secret, 2, secret.length()));
                    passwords.remove(username);
                } else {
                    passwords.put(username, secret);
                    md5Keys.remove(username);
                }
            }
        }
        return new StaticUsers(passwords, md5Keys);
    }

    public boolean isEmpty() {
        return passwords.isEmpty() && md5Keys.isEmpty();
    }

    /** The password of a user configured with one; a user configured with a key has none. */
    private Optional<String> password(String username) {
        return Optional.ofNullable(passwords.get(username));
    }

    /**
     * A user configured with an MD5 key authenticates with MD5 only: the key is a digest of the password,
     * and the SHA-256 key (RFC 8489 §18.5.1.2) cannot be made from it. A client that chose SHA-256 from
     * our PASSWORD-ALGORITHMS is refused rather than verified with another algorithm than it chose
     * (RFC 8489 §9.2.4: the server uses the client's choice, which is what makes downgrades detectable);
     * we keep offering SHA-256 first for the users that have a password. Clients that send no
     * PASSWORD-ALGORITHM, browsers among them, use MD5 (RFC 8489 §9.2.4, backwards compatibility).
     * The key holds only for the realm it was made with.
     */
    @Override
    public List<byte[]> keys(String username, String realm, PasswordAlgorithm algorithm) {
        byte[] md5Key = md5Keys.get(username);
        if (md5Key != null) {
            return algorithm == PasswordAlgorithm.MD5 ? List.of(md5Key.clone()) : List.of();
        }
        return password(username).map(password -> List.of(algorithm.key(username, realm, password))).orElse(List.of());
    }
}
