import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.StunParseException;
import org.wildrtc.stun.XorAddress;
import org.wildrtc.turn.RestCredentials;
import org.wildrtc.turn.TurnRequests;

/**
 * A TURN load paced like RTP: ALLOCATIONS allocations, each with channel 0x4000 bound to an echo
 * peer, each sending one ChannelData of SIZE bytes every INTERVAL_MS (20: 50 packets/s, as audio),
 * whatever comes back. After WARMUP seconds (default 1, untimed) it counts the echoes for SECONDS,
 * then stops sending and waits 500 ms for what is still in flight. Every echo is two relayed packets
 * (client to peer, peer to client).
 *
 * <p>One thread sends and receives for all allocations, so that 1000 of them (50,000 packets/s sent,
 * 100,000 relayed) leave most of 2 cores to the server: every allocation has its own non-blocking
 * socket (its own 5-tuple, as the server tells allocations apart by it), all on one selector, and a
 * timer wheel of 1 ms slots spreads the allocations evenly over the interval. Each tick sends what
 * its slot holds, then reads what is readable until the next tick. A send issued more than 2 ms after
 * its slot is late: when the generator itself falls behind, its rate is not the schedule's.
 *
 * <p>INTERVAL_MS 0 holds the allocations instead of sending: it prints "held N" and keeps them until
 * its standard input ends (the benchmark closes it once it has measured the server) or SECONDS pass.
 *
 * <p>Prints, on separate lines: {@code relayed/s N lost% X} (the shape RelayFlood prints; the loss
 * is the share of all messages sent that never came back), {@code late% X}, {@code allocate_ms p50 X
 * p99 Y} (the first Allocate, the one the server challenges, to the success response: what a client
 * waits), {@code client_cpu_s X} and, given SERVER_PID, {@code server_cpu_s X}, {@code machine_busy% X}
 * (all cores' busy time over the time they had), {@code server_threads_cpu_s NAME=X ...} (the
 * server's CPU by thread name, largest first), all over the counted window only, and {@code relayed N}, the relayed
 * packets that window counted. Allocations and
 * channels are set up one at a time, then deleted (Refresh 0). Loopback only; stops by itself.
 *
 * <p>Usage (classpath: turn-connector classes and test classes):
 *   java -cp ... PacedRelay HOST PORT SECRET PEER_PORT ALLOCATIONS INTERVAL_MS SIZE SECONDS [WARMUP [SERVER_PID]]
 */
public class PacedRelay {
    private static final int CHANNEL = 0x4000;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Credentials for this many users in turn, so a server's per-user quota is not what is measured. */
    private static final int USERS = 20;
    /** The unit of /proc/stat's counters, fixed by the kernel's ABI. */
    private static final double USER_HZ = 100;

    private final Selector selector;
    private final DatagramChannel[] channels;
    private final ByteBuffer outgoing;
    private final ByteBuffer incoming = ByteBuffer.allocateDirect(2048);
    private final Consumer<SelectionKey> reader = this::read;
    private long sent;
    private long late;
    private long received;

    public static void main(String[] args) throws Exception {
        TurnTarget target = TurnTarget.of(args);
        InetSocketAddress server = target.server();
        RestCredentials secret = target.secret();
        InetSocketAddress peer = target.peer();
        int count = Integer.parseInt(args[4]);
        int interval = Integer.parseInt(args[5]);
        int size = Integer.parseInt(args[6]);
        long seconds = Long.parseLong(args[7]);
        long warmup = args.length > 8 ? Long.parseLong(args[8]) : 1;
        ProcessHandle serverProcess = args.length > 9 ? ProcessHandle.of(Long.parseLong(args[9])).orElseThrow() : null;

        List<Allocation> allocations = new ArrayList<>(count);
        long[] allocateNanos = new long[count];
        try {
            for (int attempt = 0; allocations.size() < count; attempt++) {
                RestCredentials.EphemeralCredential credential = secret.mint("paced" + (attempt % USERS), 3600,
                        System.currentTimeMillis() / 1000);
                Allocation allocation = new Allocation(server, credential.username(), credential.password());
                long start = System.nanoTime();
                int code = allocation.allocate();
                if (code == 437 && attempt < 2 * count) {
                    // The kernel gave this socket the port of an earlier load's client whose allocation
                    // still lives on the server. Try another socket.
                    allocation.close();
                    continue;
                }
                if (code != 0) {
                    allocation.close();
                    throw new IOException("Allocate failed with " + code);
                }
                allocateNanos[allocations.size()] = System.nanoTime() - start;
                allocations.add(allocation);
                code = allocation.channelBind(peer);
                if (code != 0) {
                    throw new IOException("ChannelBind failed with " + code);
                }
            }
            Arrays.sort(allocateNanos);
            System.out.printf("allocate_ms p50 %.2f p99 %.2f%n", percentile(allocateNanos, 50) / 1e6,
                    percentile(allocateNanos, 99) / 1e6);
            if (interval == 0) {
                System.out.println("held " + allocations.size());
                System.out.flush();
                Thread stdin = new Thread(() -> {
                    try {
                        while (System.in.read() >= 0) {
                            // until the benchmark closes it
                        }
                    } catch (IOException closed) {
                        // ended as well
                    }
                });
                stdin.setDaemon(true);
                stdin.start();
                stdin.join(TimeUnit.SECONDS.toMillis(seconds));
            } else {
                DatagramChannel[] channels = allocations.stream().map(a -> a.channel).toArray(DatagramChannel[]::new);
                new PacedRelay(channels, size).run(interval, warmup, seconds, serverProcess);
            }
        } finally {
            deleteAll(allocations);
        }
    }

    private PacedRelay(DatagramChannel[] channels, int size) throws IOException {
        this.channels = channels;
        this.selector = Selector.open();
        for (DatagramChannel channel : channels) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
        }
        // Every allocation sends the same bytes: one ChannelData, header and zeroed payload, built once.
        outgoing = ByteBuffer.allocateDirect(4 + size);
        outgoing.putShort((short) CHANNEL).putShort((short) size).position(4 + size).flip();
    }

    private void run(int interval, long warmup, long seconds, ProcessHandle server) throws IOException {
        // Slot s of the wheel (one per millisecond of the interval) holds the allocations that send at
        // s: allocation i at i * interval / count, so each slot holds count / interval of them.
        int[][] wheel = new int[interval][];
        int[] filled = new int[interval];
        for (int i = 0; i < channels.length; i++) {
            filled[(int) ((long) i * interval / channels.length)]++;
        }
        for (int s = 0; s < interval; s++) {
            wheel[s] = new int[filled[s]];
            filled[s] = 0;
        }
        for (int i = 0; i < channels.length; i++) {
            int s = (int) ((long) i * interval / channels.length);
            wheel[s][filled[s]++] = i;
        }

        long start = System.nanoTime() + TICK_NANOS;
        long windowFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long windowTo = windowFrom + TimeUnit.SECONDS.toNanos(seconds);
        long countedFrom = 0;
        long receivedFrom = 0;
        Duration clientFrom = null;
        Duration serverFrom = null;
        Map<String, Long> threadsFrom = Map.of();
        long machineFrom = 0;
        for (long tick = 0; ; tick++) {
            long due = start + tick * TICK_NANOS;
            if (due >= windowTo) {
                break;
            }
            readUntil(due);
            long now = System.nanoTime();
            if (clientFrom == null && due >= windowFrom) {
                countedFrom = now;
                receivedFrom = received;
                clientFrom = cpu(ProcessHandle.current());
                serverFrom = cpu(server);
                threadsFrom = threadTicks(server);
                machineFrom = machineTicks();
            }
            boolean behind = now - due > LATE_NANOS;
            for (int i : wheel[(int) (tick % interval)]) {
                outgoing.rewind();
                channels[i].write(outgoing);
                sent++;
                if (behind) {
                    late++;
                }
            }
        }
        long countedTo = System.nanoTime();
        long counted = 2 * (received - receivedFrom);
        Duration clientCpu = cpu(ProcessHandle.current()).minus(clientFrom);
        Duration serverCpu = server == null ? null : cpu(server).minus(serverFrom);
        Map<String, Long> threads = threadTicks(server);
        threadsFrom.forEach((name, ticks) -> threads.merge(name, -ticks, Long::sum));
        long machine = machineTicks() - machineFrom;
        // Only messages that never come back are lost: collect those still in flight.
        readUntil(countedTo + DRAIN_NANOS);

        System.out.printf("relayed/s %.0f lost%% %.3f%n", counted * 1e9 / (countedTo - countedFrom),
                sent == 0 ? 0 : 100.0 * (sent - received) / sent);
        System.out.printf("late%% %.3f%n", sent == 0 ? 0 : 100.0 * late / sent);
        System.out.printf("client_cpu_s %.2f%n", clientCpu.toMillis() / 1000.0);
        if (serverCpu != null) {
            System.out.printf("server_cpu_s %.2f%n", serverCpu.toMillis() / 1000.0);
            StringBuilder line = new StringBuilder("server_threads_cpu_s");
            threads.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> line.append(String.format(" %s=%.2f", e.getKey(), e.getValue() / USER_HZ)));
            System.out.println(line);
        }
        System.out.printf("machine_busy%% %.1f%n", 100 * machine / USER_HZ
                / (Runtime.getRuntime().availableProcessors() * (countedTo - countedFrom) / 1e9));
        System.out.println("relayed " + counted);
        // Closing the selector deregisters the channels, so that deleting can use them blocking again.
        selector.close();
        for (DatagramChannel channel : channels) {
            channel.configureBlocking(true);
        }
    }

    /**
     * Reads every readable socket until {@code deadline}, sleeping while none is; and once even when
     * the deadline has passed, as a generator that has fallen behind would otherwise stop reading,
     * and count as lost, everything that comes back until it catches up.
     */
    private void readUntil(long deadline) throws IOException {
        selector.selectNow(reader);
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            if (remaining >= TICK_NANOS) {
                selector.select(reader, TimeUnit.NANOSECONDS.toMillis(remaining));
            } else if (selector.selectNow(reader) == 0) {
                // select() waits whole milliseconds; the rest of one is slept.
                LockSupport.parkNanos(remaining);
            }
        }
    }

    /**
     * One datagram per readable socket and selection: a socket gets one echo a tick, and one that
     * holds more stays readable for the next selection, so reading on until the socket is empty would
     * cost a second, empty read per echo.
     */
    private void read(SelectionKey key) {
        incoming.clear();
        try {
            ((DatagramChannel) key.channel()).read(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // ChannelData starts with 0b01 (RFC 8656 §12.4); anything else is not an echo.
        if (incoming.position() >= 4 && (incoming.get(0) & 0xC0) == 0x40) {
            received++;
        }
    }

    /**
     * The server's CPU ticks so far by thread name (/proc/PID/task/TID/stat, utime + stime; spaces in
     * a name become "_"): which of its threads the window's CPU went to. Threads that ended are not
     * counted, so these can add up to less than the process's CPU.
     */
    private static Map<String, Long> threadTicks(ProcessHandle process) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        if (process == null) {
            return ticks;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                // "pid (name) state ...": the name may hold spaces and parentheses, so it ends at the last ')'.
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(' ', '_');
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // Fields 14 and 15 of stat(5), utime and stime, are the 12th and 13th after the name.
                ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        }
        return ticks;
    }

    private static Duration cpu(ProcessHandle process) {
        return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElseThrow();
    }

    /**
     * Busy time of all cores so far, from /proc/stat: user, nice, system, irq, softirq and steal (guest
     * time is already in user). Over the window it tells whether the cores were all taken, by this
     * load (server, generator, echo peer, the kernel's network path) or by anyone else's.
     */
    private static long machineTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(cpu[field]);
        }
        return busy;
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Deletes them (Refresh 0) and closes their sockets; after one delete goes unanswered, only closes. */
    private static void deleteAll(List<Allocation> allocations) {
        boolean answering = true;
        for (Allocation allocation : allocations) {
            if (answering) {
                try {
                    allocation.refresh(0);
                } catch (IOException | StunParseException e) {
                    System.err.println("delete failed (" + e + "), closing the rest without deleting");
                    answering = false;
                }
            }
            allocation.close();
        }
    }

    /**
     * One allocation's socket, connected to the server (so reading it needs no address object), and
     * the few requests it makes: Allocate, ChannelBind, Refresh. TurnTestClient does not hand out its
     * socket, which here must be a channel on the selector, so the exchange is done here with the same
     * message builder it uses.
     */
    private static final class Allocation {
        private final DatagramChannel channel;
        private final DatagramSocket socket;
        private final String username;
        private final String password;
        private final byte[] answerBytes = new byte[2048];
        private TurnRequests.Credentials credentials;
        private byte[] transactionId;

        Allocation(InetSocketAddress server, String username, String password) throws IOException {
            this.username = username;
            this.password = password;
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.connect(server);
            socket = channel.socket();
            socket.setSoTimeout(3000);
        }

        /** 0 on success, else the error code. */
        int allocate() throws IOException, StunParseException {
            return outcome(request(StunMethod.ALLOCATE,
                    w -> w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.UDP)));
        }

        int channelBind(InetSocketAddress peer) throws IOException, StunParseException {
            return outcome(request(StunMethod.CHANNEL_BIND, w -> {
                XorAddress.write(w, AttributeType.XOR_PEER_ADDRESS, peer, transactionId);
                w.int32(AttributeType.CHANNEL_NUMBER, CHANNEL << 16);
            }));
        }

        int refresh(int lifetime) throws IOException, StunParseException {
            return outcome(request(StunMethod.REFRESH, w -> w.int32(AttributeType.LIFETIME, lifetime)));
        }

        /** As TurnTestClient does: a 401 or 438 is answered once with the realm and nonce it brings. */
        private StunMessage request(int method, Consumer<MessageWriter> attributes)
                throws IOException, StunParseException {
            for (int attempt = 0; attempt < 3; attempt++) {
                transactionId = TurnRequests.transactionId();
                byte[] message = TurnRequests.request(method, transactionId, credentials, attributes);
                socket.send(new DatagramPacket(message, message.length));
                StunMessage answer = answer();
                int code = ErrorCode.read(answer);
                if ((code == 401 && credentials == null) || code == 438) {
                    credentials = new TurnRequests.Credentials(username, password,
                            answer.text(AttributeType.REALM).orElseThrow(),
                            answer.text(AttributeType.NONCE).orElseThrow());
                    continue;
                }
                return answer;
            }
            throw new IOException("the server kept challenging the credentials");
        }

        /** The answer to the last request, skipping echoes still in flight. */
        private StunMessage answer() throws IOException, StunParseException {
            DatagramPacket packet = new DatagramPacket(answerBytes, answerBytes.length);
            while (true) {
                socket.receive(packet);
                if ((answerBytes[0] & 0xC0) == 0) {
                    StunMessage answer = StunDecoder.decode(ByteBuffer.wrap(answerBytes, 0, packet.getLength()));
                    if (Arrays.equals(answer.transactionId(), transactionId)) {
                        return answer;
                    }
                }
            }
        }

        private static int outcome(StunMessage answer) {
            return answer.type().messageClass() == MessageClass.SUCCESS_RESPONSE ? 0 : ErrorCode.read(answer);
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a load socket
            }
        }
    }
}
