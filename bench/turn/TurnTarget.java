import java.net.InetSocketAddress;
import java.util.List;
import org.wildrtc.turn.RestCredentials;

/**
 * The first four arguments of the TURN load generators: the server's HOST and PORT, the TURN REST
 * SECRET both servers share, and the echo peer's PEER_PORT on 127.0.0.1. Loopback only: the
 * benchmarks send nowhere else.
 */
record TurnTarget(InetSocketAddress server, RestCredentials secret, InetSocketAddress peer) {
    static TurnTarget of(String[] args) {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        if (!server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("benchmarks send to loopback only");
        }
        return new TurnTarget(server, new RestCredentials(List.of(args[2])),
                new InetSocketAddress("127.0.0.1", Integer.parseInt(args[3])));
    }
}
