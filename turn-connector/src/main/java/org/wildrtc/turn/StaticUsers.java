package org.wildrtc.turn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Long-term users configured by the admin, as {@code user:password} pairs (coturn's {@code user=} lines). */
public final class StaticUsers implements CredentialSource {
    private final Map<String, String> passwords;

    public StaticUsers(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** Parses {@code alice:secret1,bob:secret2}; a password may contain ':' but not ','. */
    public static StaticUsers parse(String text) {
        Map<String, String> passwords = new LinkedHashMap<>();
        if (text != null) {
            for (String entry : text.split(",")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0 || colon == trimmed.length() - 1) {
                    // Never echo the entry: it holds a password.
                    throw new IllegalArgumentException("a static TURN user must be written user:password");
                }
                passwords.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
            }
        }
        return new StaticUsers(passwords);
    }

    public boolean isEmpty() {
        return passwords.isEmpty();
    }

    @Override
    public Optional<String> password(String username, long nowSeconds) {
        return Optional.ofNullable(passwords.get(username));
    }
}
