package org.wildrtc.room;

/** How many members a room takes and how they talk. */
public enum RoomMode {
    /** AppRTC's one-to-one room. */
    PAIR,
    /** A full-mesh group call: every member connects to every other. */
    MESH;

    /** The wire name, as {@code room_mode} and {@code ?mode=} spell it. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code mesh} asks for a mesh room; anything else (or nothing) is AppRTC's pair room. */
    public static RoomMode fromQuery(String mode) {
        return "mesh".equalsIgnoreCase(mode) ? MESH : PAIR;
    }
}
