import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.wildrtc.turn.RestCredentials;
import org.wildrtc.turn.TurnTestClient;

/**
 * TURN relay load generator: ALLOCATIONS clients each allocate, bind channel 0x4000 to an echo
 * peer, then keep WINDOW ChannelData messages of SIZE bytes in flight; after WARMUP seconds
 * (default 1, untimed) they count what comes back for SECONDS. Every round trip is two relayed
 * packets (client to peer, peer to client). Prints relayed packets/s and the share of messages, over
 * the whole run, that never came back. Uses WildRTC's test TURN client, so it also checks that client
 * against whichever server it drives. Loopback only; stops by itself.
 *
 * Usage (classpath: turn-connector classes and test classes, and TimedWindow):
 *   java -cp ... RelayFlood HOST PORT SECRET PEER_PORT ALLOCATIONS WINDOW SIZE SECONDS [WARMUP]
 */
public class RelayFlood {
    public static void main(String[] args) throws Exception {
        TurnTarget target = TurnTarget.of(args);
        InetSocketAddress server = target.server();
        RestCredentials secret = target.secret();
        InetSocketAddress peer = target.peer();
        int allocations = Integer.parseInt(args[4]);
        int window = Integer.parseInt(args[5]);
        byte[] payload = new byte[Integer.parseInt(args[6])];
        long seconds = Long.parseLong(args[7]);
        long warmup = args.length > 8 ? Long.parseLong(args[8]) : 1;

        List<TurnTestClient> clients = new ArrayList<>();
        for (int i = 0; i < allocations; i++) {
            RestCredentials.EphemeralCredential credential = secret.mint("bench" + i, 3600,
                    System.currentTimeMillis() / 1000);
            TurnTestClient client = new TurnTestClient(server, credential.username(), credential.password());
            client.allocate();
            if (client.channelBind(0x4000, peer) != 0) {
                throw new IllegalStateException("ChannelBind refused");
            }
            clients.add(client);
        }
        LongAdder sent = new LongAdder();
        LongAdder received = new LongAdder();
        long deadline = TimedWindow.deadline(warmup, seconds);
        List<Thread> threads = new ArrayList<>();
        for (TurnTestClient client : clients) {
            Thread thread = new Thread(() -> run(client, payload, window, deadline, sent, received));
            thread.start();
            threads.add(thread);
        }
        double rate = 2 * TimedWindow.rate(received, warmup, seconds);
        for (Thread thread : threads) {
            thread.join();
        }
        for (TurnTestClient client : clients) {
            client.refresh(0);
            client.close();
        }
        double lost = sent.sum() == 0 ? 0 : 100.0 * (sent.sum() - received.sum()) / sent.sum();
        System.out.printf("relayed/s %.0f lost%% %.3f%n", rate, lost);
    }

    private static void run(TurnTestClient client, byte[] payload, int window, long deadline, LongAdder sent,
                            LongAdder received) {
        try {
            client.timeout(200);
            for (int i = 0; i < window; i++) {
                client.channelData(0x4000, payload);
                sent.increment();
            }
            while (System.nanoTime() < deadline) {
                try {
                    client.receive();
                    received.increment();
                } catch (SocketTimeoutException lost) {
                    // The window shrank by what was lost; refill it below.
                }
                client.channelData(0x4000, payload);
                sent.increment();
            }
            // Collect what is still in flight, so only real losses count.
            client.timeout(300);
            while (true) {
                client.receive();
                received.increment();
            }
        } catch (SocketTimeoutException drained) {
            // done
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
