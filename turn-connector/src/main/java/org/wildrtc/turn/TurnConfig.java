package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Everything the TURN logic needs to decide, with no socket in it.
 *
 * @param realm                 the long-term credential realm (RFC 8489 §9.2)
 * @param credentials           where passwords come from, asked in order
 * @param peerPolicy            which peers may be relayed to
 * @param quotas                allocation and bandwidth limits
 * @param software              the SOFTWARE attribute of responses
 * @param nonceLifetimeSeconds  how long a nonce stays valid before 438 Stale Nonce
 * @param authLimits            what a source address may cost before it authenticates
 * @param alternateServer       where a draining server sends new allocations (300 Try Alternate), or
 *                              null: they are refused with 508
 * @param strictExpiry          whether a TURN REST credential past its expiry is refused on every
 *                              request; else only on Allocate, so a call outlives its credential
 */
public record TurnConfig(String realm, List<CredentialSource> credentials, PeerPolicy peerPolicy, Quotas quotas,
                         String software, long nonceLifetimeSeconds, AuthLimits authLimits,
                         InetSocketAddress alternateServer, boolean strictExpiry) {

    public TurnConfig {
        credentials = List.copyOf(credentials);
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("the TURN realm must not be empty");
        }
    }
}
