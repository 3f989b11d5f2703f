package org.wildrtc.jca.api;

/**
 * One live allocation, as an admin sees it.
 *
 * @param username      the username that made it (an ephemeral one carries its expiry: {@code <unix time>:<user>})
 * @param transport     the client's transport: {@code udp}, {@code tcp} or {@code tls}
 * @param clientAddress the client's transport address as the server sees it, {@code host:port} ({@code [v6]:port})
 * @param relayAddress  the relayed transport address the client was given (the public one behind NAT)
 * @param ageSeconds    seconds since it was made
 * @param bytesToPeer   application bytes relayed from the client to its peers
 * @param bytesToClient application bytes relayed from peers to the client
 */
public record AllocationInfo(String username, String transport, String clientAddress, String relayAddress,
                             long ageSeconds, long bytesToPeer, long bytesToClient) {
}
