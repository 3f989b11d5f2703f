package org.wildrtc.admin;

/**
 * {@code ?offset=&limit=} of a listing: from the {@code offset}th entry, at most {@code limit} of them.
 * An admin's script that asks for something else learns it from a 400 rather than from a page
 * quietly shorter than it asked for.
 */
record Paging(int offset, int limit) {
    static final int DEFAULT_LIMIT = 100;
    /** The connector lists at most 1000 allocations at once; rooms follow the same bound. */
    static final int MAX_LIMIT = 1000;

    /**
     * @param offset the query parameter, or null for 0
     * @param limit  the query parameter, or null for {@value #DEFAULT_LIMIT}
     * @throws AdminError 400 when either is not a whole number in its range
     */
    static Paging of(String offset, String limit) {
        return new Paging(parse("offset", offset, 0, 0, Integer.MAX_VALUE),
                parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    private static int parse(String name, String text, int fallback, int min, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw AdminError.badRequest("'" + name + "' must be a whole number from " + min + " to " + max);
    }
}
