package org.wildrtc.room;

import java.util.regex.Pattern;

/** AppRTC's id rule: room and client ids match {@code [a-zA-Z0-9-_]+}; we take at most 64 characters. */
public final class IdRule {
    public static final String DESCRIPTION = "1 to 64 of a-z, A-Z, 0-9, '-' and '_'";
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private IdRule() {
    }

    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
