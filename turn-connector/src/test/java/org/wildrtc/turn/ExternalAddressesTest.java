package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** externalAddress: coturn's external-ip, PUBLIC or PUBLIC/PRIVATE, checked before anything binds. */
class ExternalAddressesTest {
    private static final Set<InetAddress> LOCAL = Set.of(ip("172.16.0.186"), ip("10.1.2.3"), ip("fd00::2"),
            ip("127.0.0.1"));

    @Test
    void aPublicPrivatePairMapsThePrivateAddressToThePublicOne() {
        ExternalAddresses external = ExternalAddresses.resolve(ExternalAddresses.parse("47.0.0.61/172.16.0.186"),
                ip("172.16.0.186"), null, LOCAL);
        assertEquals(ip("47.0.0.61"), external.advertised(ip("172.16.0.186")));
        assertEquals(ip("10.1.2.3"), external.advertised(ip("10.1.2.3")));
        assertEquals(Set.of(ip("47.0.0.61")), external.publicAddresses());
    }

    @Test
    void aBarePublicAddressMapsTheRelayAddressOfItsFamily() {
        ExternalAddresses external = ExternalAddresses.resolve(
                ExternalAddresses.parse("47.0.0.61, 2001:db8::61"), ip("10.1.2.3"), ip("fd00::2"), LOCAL);
        assertEquals(Map.of(ip("10.1.2.3"), ip("47.0.0.61"), ip("fd00::2"), ip("2001:db8::61")), external.mappings());
    }

    @Test
    void severalLocalAddressesHaveOneMappingEachIpv6InBracketsOrNot() {
        List<ExternalAddresses.Entry> entries = ExternalAddresses.parse(
                "47.0.0.61/172.16.0.186,47.0.0.62/10.1.2.3 [2001:db8::61]/fd00::2");
        ExternalAddresses external = ExternalAddresses.resolve(entries, ip("172.16.0.186"), ip("fd00::2"), LOCAL);
        assertEquals(ip("47.0.0.62"), external.advertised(ip("10.1.2.3")));
        assertEquals(ip("2001:db8::61"), external.advertised(ip("fd00::2")));
        assertEquals(Optional.of(ip("172.16.0.186")), ExternalAddresses.firstPrivate(entries, true));
        assertEquals(Optional.of(ip("fd00::2")), ExternalAddresses.firstPrivate(entries, false));
    }

    @Test
    void noneMapsNothing() {
        assertTrue(ExternalAddresses.resolve(ExternalAddresses.parse(""), ip("10.1.2.3"), null, LOCAL).isEmpty());
        assertEquals(ip("10.1.2.3"), ExternalAddresses.NONE.advertised(ip("10.1.2.3")));
    }

    @Test
    void valuesThatAreNotTwoLiteralsOfOneFamilyFailNamingTheProperty() {
        for (String bad : new String[] {"meet.example.org", "47.0.0.300", "47.0.0.61/", "0.0.0.0", "::/fd00::2",
                "47.0.0.61/0.0.0.0", "47.0.0.61/fd00::2", "2001:db8::61/10.1.2.3", "224.0.0.1", "fe80::1%eth0"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ExternalAddresses.parse(bad), bad);
            assertTrue(refused.getMessage().startsWith("externalAddress (-Dwildrtc.turn.external-address)"),
                    refused.getMessage());
        }
    }

    @Test
    void aPrivateAddressMustBeOneOfThisMachine() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ExternalAddresses
                .resolve(ExternalAddresses.parse("47.0.0.61/172.16.0.99"), ip("172.16.0.186"), null, LOCAL));
        assertTrue(refused.getMessage().contains("172.16.0.99 is not an address of this machine"),
                refused.getMessage());
    }

    @Test
    void onePrivateAddressCannotHaveTwoPublicOnesNorOnePublicTwoPrivateOnes() {
        for (String bad : new String[] {"47.0.0.61/172.16.0.186,47.0.0.62/172.16.0.186", "47.0.0.61,47.0.0.62",
                "47.0.0.61,47.0.0.62/172.16.0.186", "47.0.0.61/172.16.0.186,47.0.0.61/10.1.2.3"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ExternalAddresses.resolve(ExternalAddresses.parse(bad), ip("172.16.0.186"), null, LOCAL),
                    bad);
            assertTrue(refused.getMessage().startsWith("externalAddress"), refused.getMessage());
        }
        // The same pair twice says nothing new.
        assertEquals(1, ExternalAddresses.resolve(ExternalAddresses.parse("47.0.0.61/172.16.0.186,47.0.0.61"),
                ip("172.16.0.186"), null, LOCAL).mappings().size());
    }

    @Test
    void aBareIpv6PublicAddressNeedsAnIpv6RelayAddress() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ExternalAddresses
                .resolve(ExternalAddresses.parse("2001:db8::61"), ip("10.1.2.3"), null, LOCAL));
        assertTrue(refused.getMessage().contains("relayAddressIpv6"), refused.getMessage());
    }

    static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }
}
