import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.wildrtc.turn.RestCredentials;
import org.wildrtc.turn.TurnTestClient;

/**
 * Makes COUNT allocations (each with a permission and a channel to the peer), prints "held", keeps
 * them for SECONDS, then deletes them. The benchmark reads the server's memory while they are held.
 * Loopback only; stops by itself.
 *
 * Usage (classpath: turn-connector classes and test classes):
 *   java -cp ... HoldAllocations HOST PORT SECRET PEER_PORT COUNT SECONDS
 */
public class HoldAllocations {
    public static void main(String[] args) throws Exception {
        TurnTarget target = TurnTarget.of(args);
        InetSocketAddress server = target.server();
        RestCredentials secret = target.secret();
        InetSocketAddress peer = target.peer();
        int count = Integer.parseInt(args[4]);
        List<TurnTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; clients.size() < count; i++) {
                RestCredentials.EphemeralCredential credential = secret.mint("hold" + (i % 20), 3600,
                        System.currentTimeMillis() / 1000);
                TurnTestClient client = new TurnTestClient(server, credential.username(), credential.password());
                try {
                    client.allocate();
                } catch (java.io.IOException mismatch) {
                    // 437: the kernel gave this socket the port of an earlier load's client whose
                    // allocation still lives on the server. Try another socket.
                    client.close();
                    if (i > 2 * count) {
                        throw mismatch;
                    }
                    continue;
                }
                clients.add(client);
                client.channelBind(0x4000, peer);
            }
            System.out.println("held " + clients.size());
            Thread.sleep(Long.parseLong(args[5]) * 1000);
        } finally {
            for (TurnTestClient client : clients) {
                client.refresh(0);
                client.close();
            }
        }
    }
}
