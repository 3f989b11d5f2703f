import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * STUN Binding load generator: each of SOCKETS sockets keeps WINDOW requests in flight; after
 * WARMUP seconds (default 1, untimed: this JVM's JIT compiles its own send and receive paths there)
 * it counts Binding success responses for SECONDS. Prints "responses/s". Loopback only; stops by
 * itself.
 *
 * Usage: java -cp CLASSES BindingFlood HOST PORT SOCKETS WINDOW SECONDS [WARMUP]
 */
public class BindingFlood {
    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        if (!server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("benchmarks send to loopback only");
        }
        int sockets = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        long warmup = args.length > 5 ? Long.parseLong(args[5]) : 1;
        LongAdder answered = new LongAdder();
        long deadline = TimedWindow.deadline(warmup, seconds);
        Thread[] threads = new Thread[sockets];
        for (int i = 0; i < sockets; i++) {
            threads[i] = new Thread(() -> run(server, window, deadline, answered));
            threads[i].start();
        }
        double rate = TimedWindow.rate(answered, warmup, seconds);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("responses/s %.0f%n", rate);
    }

    private static void run(InetSocketAddress server, int window, long deadline, LongAdder answered) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(200);
            byte[] request = new byte[20];
            request[1] = 0x01;
            request[4] = 0x21;
            request[5] = 0x12;
            request[6] = (byte) 0xA4;
            request[7] = 0x42;
            DatagramPacket out = new DatagramPacket(request, 20, server);
            DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
            for (int i = 0; i < window; i++) {
                send(socket, out, request);
            }
            while (System.nanoTime() < deadline) {
                try {
                    socket.receive(in);
                    byte[] data = in.getData();
                    if (in.getLength() >= 20 && data[0] == 0x01 && data[1] == 0x01) {
                        answered.increment();
                    }
                    send(socket, out, request);
                } catch (SocketTimeoutException lost) {
                    for (int i = 0; i < window; i++) {
                        send(socket, out, request);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(DatagramSocket socket, DatagramPacket packet, byte[] request) throws Exception {
        ThreadLocalRandom.current().nextBytes(request);
        request[0] = 0x00;
        request[1] = 0x01;
        request[2] = 0x00;
        request[3] = 0x00;
        request[4] = 0x21;
        request[5] = 0x12;
        request[6] = (byte) 0xA4;
        request[7] = 0x42;
        socket.send(packet);
    }
}
