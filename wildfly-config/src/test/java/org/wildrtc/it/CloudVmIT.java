package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wildrtc.it.CloudTopology.HOME_NAT_ADDRESS;
import static org.wildrtc.it.CloudTopology.OFFICE_ADDRESS;
import static org.wildrtc.it.CloudTopology.PEER_ADDRESS;
import static org.wildrtc.it.CloudTopology.PRIVATE_ADDRESS;
import static org.wildrtc.it.CloudTopology.PUBLIC_ADDRESS;
import static org.wildrtc.it.CloudTopology.SECOND_PRIVATE_ADDRESS;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * WildRTC on a cloud VM (issue 14): the server runs in a namespace that has only private addresses
 * behind the cloud's 1:1 NAT ({@link CloudTopology}), started as an admin starts it there
 * ({@code -b 0.0.0.0}, the external address, the peer ranges, a REST secret), and is used from the
 * internet by coturn's clients, curl and Chromium, one client behind a symmetric NAT; then the same
 * behind nginx, with the repo's server block and with an AppRTC tutorial's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudVmIT {
    /** The name browsers reach nginx by (RFC 6761 reserves .test). */
    private static final String NAME = "meet.wildrtc.test";
    private static final int TURN_PORT = 3478;
    private static final int PEER_PORT = 3480;
    private static final String SECRET = secret();
    /**
     * Only the test name resolves, to the public address; nothing else is looked up. Chromium's
     * WebRTC looks STUN and TURN hosts up fully qualified, with a trailing dot, which a rule for the
     * bare name does not match.
     */
    private static final String RESOLVER_RULES = "MAP " + NAME + " " + PUBLIC_ADDRESS + ", MAP " + NAME + ". "
            + PUBLIC_ADDRESS + ", MAP * ~NOTFOUND, EXCLUDE " + PUBLIC_ADDRESS;
    private static final Pattern RELAY_ADDRESS = Pattern.compile("Received relay addr: ([0-9.]+):\\d+");
    private static final Path WORK = Path.of(System.getProperty("it.cloud.dir", "target/cloud-vm"));

    private static CloudTopology cloud;
    private static ServerProcess server;
    private static AutoCloseable echoPeer;
    /** Where Firefox listens for WebDriver BiDi, on the loopback of its own namespace (one Firefox a namespace). */
    private static final int BIDI_PORT = 9222;
    private static final List<CallPage> BROWSERS = new ArrayList<>();
    private static Browser officeBrowser;
    private static Browser homeBrowser;
    private static Firefox officeFirefox;
    private static Firefox homeFirefox;

    @BeforeAll
    static void buildTheCloudAndStartTheServer() throws Exception {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            throw new IllegalStateException("CloudVmIT builds network namespaces and needs root (CI runs as root); uid "
                    + uid);
        }
        cloud = new CloudTopology("wrtc-it-" + ProcessHandle.current().pid());
        server = ServerProcess.inNamespace(cloud.vm, WORK.resolve("server"), settings());
        echoPeer = CoturnTools.echoPeerIn(cloud.peer, PEER_ADDRESS, PEER_PORT);
    }

    private static String secret() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** What an admin sets on such a VM: the NAT's mapping, the peers relays may reach, a REST secret. */
    private static List<String> settings(String... more) {
        List<String> settings = new ArrayList<>(List.of(
                "-Dwildrtc.turn.external-address=" + PUBLIC_ADDRESS + "/" + PRIVATE_ADDRESS,
                "-Dwildrtc.turn.allowed-peers=" + CloudTopology.RANGES,
                "-Dwildrtc.turn.auth-secret=" + SECRET));
        settings.addAll(List.of(more));
        return settings;
    }

    @AfterEach
    void leaveTheCalls() {
        BROWSERS.forEach(CallPage::leavePage);
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            BROWSERS.forEach(CallPage::close);
            BROWSERS.clear();
            officeBrowser = null;
            homeBrowser = null;
            officeFirefox = null;
            homeFirefox = null;
        } finally {
            try {
                if (echoPeer != null) {
                    echoPeer.close();
                }
            } finally {
                try {
                    if (server != null) {
                        server.close();
                    }
                } finally {
                    if (cloud != null) {
                        cloud.close();
                    }
                }
            }
        }
    }

    @Test
    @Order(1)
    void theInternetReachesTheVmAtItsPublicAddressOnlyAndTheVmReachesItselfThere() throws Exception {
        String office = probe(cloud.office, PUBLIC_ADDRESS, PRIVATE_ADDRESS);
        assertTrue(StunBindingProbe.lineFor(office, PUBLIC_ADDRESS).startsWith(PUBLIC_ADDRESS + " answered-from "
                + PUBLIC_ADDRESS + ":" + TURN_PORT + " mapped " + OFFICE_ADDRESS + ":"), office);
        assertEquals(PRIVATE_ADDRESS + " no-answer", StunBindingProbe.lineFor(office, PRIVATE_ADDRESS),
                "the router drops what the internet sends to the private network unasked");
        String home = probe(cloud.home, PUBLIC_ADDRESS);
        assertTrue(StunBindingProbe.lineFor(home, PUBLIC_ADDRESS).startsWith(PUBLIC_ADDRESS + " answered-from "
                + PUBLIC_ADDRESS + ":" + TURN_PORT + " mapped " + HOME_NAT_ADDRESS + ":"), home);
        String hairpin = probe(cloud.vm, PUBLIC_ADDRESS);
        assertTrue(StunBindingProbe.lineFor(hairpin, PUBLIC_ADDRESS).startsWith(PUBLIC_ADDRESS + " answered-from "
                + PUBLIC_ADDRESS + ":" + TURN_PORT + " mapped " + PUBLIC_ADDRESS + ":"), hairpin);
    }

    /**
     * A STUN server listening on the wildcard address answers from the address each request came to
     * (RFC 8489 §6.3.4: the response goes from the address and port the request was received on);
     * with two addresses on one network, the kernel would otherwise pick one for both.
     */
    @Test
    @Order(2)
    void aBindingToEitherPrivateAddressIsAnsweredFromThatAddress() throws Exception {
        String output = probe(cloud.router, PRIVATE_ADDRESS, SECOND_PRIVATE_ADDRESS);
        for (String address : List.of(PRIVATE_ADDRESS, SECOND_PRIVATE_ADDRESS)) {
            assertTrue(StunBindingProbe.lineFor(output, address).startsWith(address + " answered-from " + address + ":"
                    + TURN_PORT + " "), output);
        }
    }

    @Test
    @Order(3)
    void coturnsClientOnTheInternetRelaysThroughThePublicAddress() throws Exception {
        assertRelayedThroughThePublicAddress(uclientIn(cloud.office, "office"));
    }

    @Test
    @Order(4)
    void coturnsClientBehindASymmetricNatRelaysThroughThePublicAddress() throws Exception {
        assertRelayedThroughThePublicAddress(uclientIn(cloud.home, "home"));
    }

    @Test
    @Order(5)
    void aJoinFromTheInternetNamesThePublicAddressInEveryIceUri() throws Exception {
        JsonObject params = join(cloud.home, "https://" + PUBLIC_ADDRESS + ":8443", Rooms.fresh("join"));
        assertIceUrisName(params, Set.of(PUBLIC_ADDRESS));
    }

    @Test
    @Order(6)
    void aCallFromBehindASymmetricNatConnectsThroughARelayOnThePublicAddress() throws Exception {
        callConnectsThroughThePublicRelay("https://" + PUBLIC_ADDRESS + ":8443", "/r/" + Rooms.fresh("nat"), "cloud-nat");
    }

    @Test
    @Order(7)
    void aRelayOnlyCallConnectsThroughRelaysOnThePublicAddress() throws Exception {
        CallPage.connectAll("https://" + PUBLIC_ADDRESS + ":8443/r/" + Rooms.fresh("relay") + "?it=relay", 1, office(), home());
        for (Browser browser : List.of(office(), home())) {
            JsonObject peer = onlyPeer(browser);
            assertEquals("relay", peer.getString("local"), browser.name() + " " + peer);
            assertEquals("relay", peer.getString("remote"), browser.name() + " " + peer);
            assertEquals(PUBLIC_ADDRESS, peer.getString("localAddress"), browser.name() + " " + peer);
            assertEquals(PUBLIC_ADDRESS, peer.getString("remoteAddress"), browser.name() + " " + peer);
            browser.screenshot("cloud-relay");
        }
    }

    /** Firefox and Chromium on one home network: a direct call between their host candidates, chat both ways, Chromium presents. */
    @Test
    @Order(8)
    void firefoxAndChromiumOnOneNetworkCallDirectlyChatAndFirefoxSeesTheSharedScreen() throws Exception {
        Firefox firefox = firefoxAtHome();
        CallPage.connectAll("https://" + PUBLIC_ADDRESS + ":8443/r/" + Rooms.fresh("ffdirect"), 1, firefox, home());
        for (CallPage browser : List.of(firefox, home())) {
            JsonObject peer = onlyPeer(browser);
            assertEquals("direct", peer.getString("route"), browser.name() + " " + peer);
            // The pair joins two host candidates; Firefox names its own by an mDNS name, not by address.
            assertEquals("host", peer.getString("local"), browser.name() + " " + peer);
            browser.screenshot("cloud-firefox-direct");
        }
        assertVideoFlows(firefox, home());
        assertEquals(home().name(), onlyPeer(firefox).getString("name"), "names cross between the browsers");
        assertEquals(firefox.name(), onlyPeer(home()).getString("name"));
        CallScenarios.chatReachesTheOtherAsText(firefox, home());
        CallScenarios.chatReachesTheOtherAsText(home(), firefox);
        CallScenarios.theSharedScreenReachesTheOther(home(), firefox, "cloud-firefox-sees-chromium-present");
    }

    /** Firefox on the internet and Chromium behind the symmetric NAT, relay only: both through the public relay. */
    @Test
    @Order(9)
    void firefoxAndChromiumCallRelayOnlyThroughThePublicAddress() throws Exception {
        Firefox firefox = firefoxInTheOffice();
        CallPage.connectAll("https://" + PUBLIC_ADDRESS + ":8443/r/" + Rooms.fresh("ffrelay") + "?it=relay", 1,
                firefox, home());
        for (CallPage browser : List.of(firefox, home())) {
            JsonObject peer = onlyPeer(browser);
            assertEquals("relay", peer.getString("local"), browser.name() + " " + peer);
            assertEquals("relay", peer.getString("remote"), browser.name() + " " + peer);
            assertEquals(PUBLIC_ADDRESS, peer.getString("localAddress"), browser.name() + " " + peer);
            browser.screenshot("cloud-firefox-relay");
        }
        assertVideoFlows(firefox, home());
    }

    /** Two Firefoxes, one behind the office firewall, one behind the symmetric NAT: only a relay joins them. */
    @Test
    @Order(10)
    void twoFirefoxesAcrossTheFirewallAndTheNatCallThroughThePublicRelay() throws Exception {
        Firefox office = firefoxInTheOffice();
        Firefox home = firefoxAtHome();
        callConnectsThroughThePublicRelay("https://" + PUBLIC_ADDRESS + ":8443", "/r/" + Rooms.fresh("ffnat"),
                "cloud-firefox-nat", office, home);
        assertVideoFlows(office, home);
    }

    /** docs/nginx/wildrtc.conf as it stands, with a test certificate. */
    @Test
    @Order(11)
    void behindNginxWithTheProjectsServerBlockJoinsAndCallsUseThePublicName() throws Exception {
        String block = Files.readString(Path.of(System.getProperty("it.nginx.conf")));
        try (Nginx nginx = nginx(block, "nginx-project")) {
            behindNginxJoinsAndCallsUseThePublicName("cloud-nginx");
        }
    }

    /** The block tutorials give (no X-Forwarded-*), with the public URL set on the server instead: the server restarts with it. */
    @Test
    @Order(12)
    void behindNginxWithAnAppRtcTutorialsServerBlockAndThePublicUrlJoinsAndCallsUseThePublicName() throws Exception {
        server.close();
        server = null;
        server = ServerProcess.inNamespace(cloud.vm, WORK.resolve("server-with-public-url"),
                settings("-Dwildrtc.public-url=https://" + NAME));
        String block;
        try (InputStream tutorial = CloudVmIT.class.getResourceAsStream("/nginx/apprtc-tutorial.conf")) {
            block = new String(tutorial.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Nginx nginx = nginx(block, "nginx-tutorial")) {
            behindNginxJoinsAndCallsUseThePublicName("cloud-tutorial");
        }
    }

    private static Nginx nginx(String block, String directory) throws Exception {
        Nginx.Certificate certificate = Nginx.certificate(WORK.resolve("certificate"), NAME);
        return Nginx.inNamespace(cloud.vm, WORK.resolve(directory), block, certificate, 443);
    }

    private void behindNginxJoinsAndCallsUseThePublicName(String scenario) throws Exception {
        String room = "/r/" + Rooms.fresh("proxied");
        assertEquals("200 ", curl(cloud.office, "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "https://" + NAME + room),
                "the page is served behind nginx, not redirected");
        JsonObject params = join(cloud.office, "https://" + NAME, Rooms.fresh("proxied"));
        assertEquals("wss://" + NAME + "/ws", params.getString("wss_url"), params.toString());
        assertIceUrisName(params, Set.of(NAME, PUBLIC_ADDRESS));
        callConnectsThroughThePublicRelay("https://" + NAME, room, scenario);
    }

    /**
     * Office lets in only answers and home's NAT maps every destination to a new port, so no
     * direct pair works: the call must go through a relay, and relays are on the public address.
     * The page must stay on {@code origin}.
     */
    private void callConnectsThroughThePublicRelay(String origin, String room, String scenario) throws Exception {
        callConnectsThroughThePublicRelay(origin, room, scenario, office(), home());
    }

    private void callConnectsThroughThePublicRelay(String origin, String room, String scenario, CallPage inTheOffice,
                                                   CallPage atHome) throws Exception {
        CallPage.connectAll(origin + room, 1, inTheOffice, atHome);
        for (CallPage browser : List.of(inTheOffice, atHome)) {
            // Not redirected elsewhere (say, from behind nginx to 8443 directly).
            assertEquals(origin, browser.script("location.origin"), browser.name());
            JsonObject peer = onlyPeer(browser);
            List<String> relays = new ArrayList<>();
            if (peer.getString("local").equals("relay")) {
                relays.add(peer.getString("localAddress"));
            }
            if (peer.getString("remote").equals("relay")) {
                relays.add(peer.getString("remoteAddress"));
            }
            assertFalse(relays.isEmpty(), browser.name() + " connected without a relay: " + peer);
            assertTrue(relays.stream().allMatch(PUBLIC_ADDRESS::equals), browser.name() + " " + peer);
            browser.screenshot(scenario);
        }
    }

    private static Browser office() throws Exception {
        if (officeBrowser == null) {
            officeBrowser = started(cloud.office, "office");
        }
        return officeBrowser;
    }

    private static Browser home() throws Exception {
        if (homeBrowser == null) {
            homeBrowser = started(cloud.home, "home");
        }
        return homeBrowser;
    }

    private static Firefox firefoxInTheOffice() throws Exception {
        if (officeFirefox == null) {
            officeFirefox = Firefox.startIn(cloud.office, WORK.resolve("browsers"), "cloud-firefox-office", BIDI_PORT);
            BROWSERS.add(officeFirefox);
        }
        return officeFirefox;
    }

    private static Firefox firefoxAtHome() throws Exception {
        if (homeFirefox == null) {
            homeFirefox = Firefox.startIn(cloud.home, WORK.resolve("browsers"), "cloud-firefox-home", BIDI_PORT);
            BROWSERS.add(homeFirefox);
        }
        return homeFirefox;
    }

    /** Started on first use and kept for the next tests (a start costs seconds). */
    private static Browser started(NetworkNamespace client, String name) throws Exception {
        Browser browser = Browser.startIn(client, WORK.resolve("browsers"), "cloud-" + name, RESOLVER_RULES);
        BROWSERS.add(browser);
        return browser;
    }

    private static JsonObject onlyPeer(CallPage browser) {
        return CallScenarios.onlyPeer(browser.calls());
    }

    /** Video keeps arriving on every page: the call carries media, not just a connected state. */
    private static void assertVideoFlows(CallPage... pages) throws Exception {
        for (CallPage page : pages) {
            long before = onlyPeer(page).getJsonNumber("videoBytes").longValue();
            page.await("inbound video bytes growing past " + before, CallPage.CONNECT,
                    calls -> CallScenarios.videoBytes(calls) > before + 10_000);
        }
    }

    private static String probe(NetworkNamespace from, String... addresses) throws Exception {
        return Commands.check(30, from.exec(StunBindingProbe.command(TURN_PORT, addresses)), null);
    }

    /** coturn's client with REST credentials, to the echo peer on the internet; -v prints the relayed addresses. */
    private static String uclientIn(NetworkNamespace client, String user) throws Exception {
        List<String> command = new ArrayList<>(List.of(CoturnTools.path("turnutils_uclient"), "-v", "-W", SECRET, "-u", user));
        command.addAll(List.of(TurnRelayIT.LOAD));
        command.addAll(List.of("-p", String.valueOf(TURN_PORT), "-e", PEER_ADDRESS, "-r", String.valueOf(PEER_PORT),
                PUBLIC_ADDRESS));
        return Commands.run(60, client.exec(command), null).output();
    }

    private static void assertRelayedThroughThePublicAddress(String output) {
        TurnRelayIT.assertNothingLost(output);
        Matcher relayed = RELAY_ADDRESS.matcher(output);
        int relays = 0;
        while (relayed.find()) {
            assertEquals(PUBLIC_ADDRESS, relayed.group(1), "the relayed address clients are told: " + relayed.group());
            relays++;
        }
        assertTrue(relays > 0, output);
    }

    /** POST /join with curl inside {@code client}. */
    private static JsonObject join(NetworkNamespace client, String origin, String room) throws Exception {
        String answer = curl(client, "-X", "POST", origin + "/join/" + room);
        try {
            return Rooms.joined(room, Json.object(answer)).params();
        } catch (jakarta.json.JsonException notJson) {
            throw new AssertionError("POST " + origin + "/join/" + room + " answered no JSON: " + answer, notJson);
        }
    }

    /** curl inside {@code client}, trusting the test certificates; the test name resolves to the public address. */
    private static String curl(NetworkNamespace client, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Commands.path("curl", "curl"), "-sS", "-k", "--max-time", "10",
                "--resolve", NAME + ":443:" + PUBLIC_ADDRESS));
        command.addAll(List.of(arguments));
        return Commands.check(20, client.exec(command), null);
    }

    /** Every STUN and TURN URI of {@code ice_servers} and of {@code pc_config} names one of {@code hosts}. */
    private static void assertIceUrisName(JsonObject params, Set<String> hosts) {
        List<JsonValue> servers = new ArrayList<>(params.getJsonArray("ice_servers"));
        servers.addAll(Json.object(params.getString("pc_config")).getJsonArray("iceServers"));
        List<String> uris = servers.stream().flatMap(server -> server.asJsonObject().getJsonArray("urls")
                .getValuesAs(jakarta.json.JsonString::getString).stream()).toList();
        assertTrue(uris.stream().anyMatch(uri -> uri.startsWith("turn:")), uris.toString());
        for (String uri : uris) {
            // RFC 7064/7065: scheme ":" host [":" port] ["?transport=" …]
            String host = uri.substring(uri.indexOf(':') + 1).replaceFirst("[:?].*", "");
            assertTrue(hosts.contains(host), uri + " names " + host + ", not one of " + hosts + ": " + uris);
        }
    }
}
