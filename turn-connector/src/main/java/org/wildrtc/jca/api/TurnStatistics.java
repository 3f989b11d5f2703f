package org.wildrtc.jca.api;

/** Live counters of the STUN/TURN server. */
public record TurnStatistics(int allocations, int permissions, int channels, long packetsRelayed,
                             long bytesRelayed, long packetsDropped, long authFailures) {
}
