package org.wildrtc.jca.api;

/**
 * Whether the STUN/TURN server can serve, for health checks.
 *
 * @param listening          every listener (UDP, TCP, TLS) is bound and open
 * @param eventLoopsResponsive every event loop ran its once-a-second timer within the last few seconds:
 *                           false means one is wedged (a task that never returns), so its clients get no answers
 * @param draining           an admin asked the server to drain: new Allocates are refused, existing ones go on
 * @param detail             what is wrong, in a sentence an admin can act on; empty when all is well
 */
public record TurnHealth(boolean listening, boolean eventLoopsResponsive, boolean draining, String detail) {
}
