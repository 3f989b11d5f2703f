package org.wildrtc.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A named network namespace (iproute2's {@code ip netns}) that a test made. Commands run inside it
 * with {@code ip netns exec}, which also leaves the rest of the machine's namespaces alone.
 */
final class NetworkNamespace {
    private static final int SECONDS = 20;

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** A new namespace with its loopback interface up (it starts down). */
    static NetworkNamespace create(String name) throws IOException, InterruptedException {
        Commands.check(SECONDS, List.of(ip(), "netns", "add", name), null);
        NetworkNamespace namespace = new NetworkNamespace(name);
        namespace.ip("link", "set", "lo", "up");
        return namespace;
    }

    String name() {
        return name;
    }

    /** {@code command} as run inside this namespace. */
    List<String> exec(List<String> command) {
        List<String> inside = new ArrayList<>(List.of(ip(), "netns", "exec", name));
        inside.addAll(command);
        return inside;
    }

    List<String> exec(String... command) {
        return exec(List.of(command));
    }

    /** Runs {@code command} inside, requiring success; returns what it printed. */
    String run(String... command) throws IOException, InterruptedException {
        return Commands.check(SECONDS, exec(command), null);
    }

    /** {@code ip -n <name> …}: configures this namespace's interfaces, addresses and routes. */
    void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ip(), "-n", name));
        command.addAll(List.of(arguments));
        Commands.check(SECONDS, command, null);
    }

    /** Sets a sysctl of this namespace's network stack, e.g. {@code net/ipv4/ip_forward}. */
    void sysctl(String key, String value) throws IOException, InterruptedException {
        Commands.check(SECONDS, exec("sh", "-c", "echo " + value + " > /proc/sys/" + key), null);
    }

    /** Loads an nftables ruleset into this namespace's (empty) ruleset. */
    void nft(String ruleset) throws IOException, InterruptedException {
        Commands.check(SECONDS, exec(Commands.path("nft", "nftables"), "-f", "-"), ruleset);
    }

    /**
     * Ends whatever still runs inside (only what this test started can be there: the namespace is
     * its own), then deletes the namespace; its interfaces go with it.
     */
    void delete() throws Exception {
        List<ProcessHandle> left = new ArrayList<>();
        for (String pid : Commands.check(SECONDS, List.of(ip(), "netns", "pids", name), null).split("\\s+")) {
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(left::add);
            }
        }
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : left) {
            try {
                process.onExit().get(SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException stillThere) {
                // deleting the name still works: the namespace then ends with its last process
            }
        }
        Commands.check(SECONDS, List.of(ip(), "netns", "delete", name), null);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String ip() {
        return Commands.path("ip", "iproute2");
    }
}
