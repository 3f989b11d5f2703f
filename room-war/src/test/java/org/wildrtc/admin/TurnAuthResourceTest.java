package org.wildrtc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildrtc.ice.UnusedTurnConnection;

class TurnAuthResourceTest {

    @Test
    void aRevokeNamesTheUserToTheConnectorAndAnswersHowManyAllocationsClosed() throws Exception {
        Connector connector = new Connector();
        TurnAuthResource resource = resource(connector);
        assertEquals("{\"username\":\"1700000000:bob\",\"allocations_closed\":2}",
                resource.revoke("application/json", "{\"username\":\"1700000000:bob\"}").toString());
        assertEquals(List.of("1700000000:bob"), connector.revoked);
    }

    @Test
    void aConnectorFullOfRevocationsIs503AndABadBodyNeverReachesIt() {
        Connector connector = new Connector();
        TurnAuthResource resource = resource(connector);
        assertEquals(415, assertThrows(AdminError.class,
                () -> resource.revoke("text/plain", "{\"username\":\"bob\"}")).status());
        assertEquals(400, assertThrows(AdminError.class,
                () -> resource.revoke("application/json", "{\"user\":\"bob\"}")).status());
        assertEquals(List.of(), connector.revoked, "a bad request never reaches the connector");
        connector.revocationsFull = true;
        assertEquals(503, assertThrows(AdminError.class,
                () -> resource.revoke("application/json", "{\"username\":\"bob\"}")).status());
    }

    @Test
    void newSecretsGoToTheConnectorInOrderAndOnlyTheirCountComesBack() throws Exception {
        Connector connector = new Connector();
        TurnAuthResource resource = resource(connector);
        String answer = resource.secrets("application/json", "{\"secrets\":[\"s3cret-new\",\"s3cret-old\"]}").toString();
        assertEquals("{\"secrets\":2}", answer);
        assertEquals(List.of(List.of("s3cret-new", "s3cret-old")), connector.secrets);
        assertEquals(400, assertThrows(AdminError.class,
                () -> resource.secrets("application/json", "{\"secrets\":[]}")).status());
        AdminError refused = assertThrows(AdminError.class,
                () -> resource.secrets("application/json", "{\"secrets\":[\"s3cret-new\",\"\"]}"));
        assertEquals(400, refused.status());
        assertTrue(!refused.body().toString().contains("s3cret"));
        assertEquals(1, connector.secrets.size());
    }

    private static TurnAuthResource resource(Connector connector) {
        TurnAuthResource resource = new TurnAuthResource();
        resource.turn = new FakeTurnServer(connector);
        resource.security = admin("ops");
        return resource;
    }

    static SecurityContext admin(String name) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return AdminGate.ROLE.equals(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return BASIC_AUTH;
            }
        };
    }

    /** Records revocations and secret lists as the connector's contract describes them. */
    private static final class Connector extends UnusedTurnConnection {
        final List<String> revoked = new ArrayList<>();
        final List<List<String>> secrets = new ArrayList<>();
        boolean revocationsFull;

        @Override
        public int revoke(String username) {
            if (revocationsFull) {
                throw new IllegalStateException("too many revocations");
            }
            revoked.add(username);
            return 2;
        }

        @Override
        public void authSecrets(List<String> list) {
            if (list.isEmpty() || list.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("empty");
            }
            secrets.add(List.copyOf(list));
        }

        @Override
        public int authSecretCount() {
            return secrets.get(secrets.size() - 1).size();
        }
    }
}
