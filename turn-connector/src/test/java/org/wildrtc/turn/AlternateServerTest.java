package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AlternateServerTest {

    @Test
    void parsesAnAddressAndPort() {
        assertEquals(new InetSocketAddress("192.0.2.9", 3478), AlternateServer.parse(" 192.0.2.9:3478 "));
        assertEquals(new InetSocketAddress("2001:db8::7", 443), AlternateServer.parse("[2001:db8::7]:443"));
    }

    @Test
    void refusesWhatIsNotOneWithAClearMessage() {
        for (String bad : new String[] {"192.0.2.9", "turn.example.org:3478", "2001:db8::7:3478", "192.0.2.9:0",
                "192.0.2.9:70000", "192.0.2.9:x", "0.0.0.0:3478", ":3478"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlternateServer.parse(bad));
            assertTrue(e.getMessage().startsWith("alternateServer (-Dwildrtc.turn.alternate-server) '" + bad + "'"),
                    e.getMessage());
        }
    }
}
