package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.StunTestClient;
import org.wildrtc.turn.TurnRequests;

/** An admin changes a config-property in the management model and reloads; the TURN server follows. */
class AdminSettingsIT extends RunningServerTest {
    private static final ModelNode REALM = Operations.createAddress("subsystem", "resource-adapters",
            "resource-adapter", "wildrtc-turn", "config-properties", "realm");

    @Test
    void aRealmWrittenInTheModelIsUsedAfterAReload() throws Exception {
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"))) {
            String original = execute(management, Operations.createReadAttributeOperation(REALM, "value"))
                    .asExpression().getExpressionString();
            try {
                execute(management, Operations.createWriteAttributeOperation(REALM, "value", "changed.by.admin"));
                TestServer.reload(management);
                assertEquals("changed.by.admin", challengeRealm());
            } finally {
                execute(management, Operations.createWriteAttributeOperation(REALM, "value",
                        new ModelNode().setExpression(original)));
                TestServer.reload(management);
            }
            assertEquals("it.wildrtc", challengeRealm());
        }
    }

    @Test
    void aRoomSettingThatDoesNotParseFailsTheDeploymentAndSaysWhich() throws Exception {
        ModelNode property = Operations.createAddress("system-property", "wildrtc.rooms.mesh-capacity");
        ModelNode deployment = Operations.createAddress("deployment", TestServer.DEPLOYMENT);
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"))) {
            ModelNode add = Operations.createAddOperation(property);
            add.get("value").set("lots");
            execute(management, add);
            try {
                ModelNode redeploy = management.execute(Operations.createOperation("redeploy", deployment));
                assertFalse(Operations.isSuccessfulOutcome(redeploy), "deployed with a mesh capacity of lots");
                String failure = Operations.getFailureDescription(redeploy).asString();
                assertTrue(failure.contains("System property wildrtc.rooms.mesh-capacity=lots is not valid:"
                        + " not a whole number from 3 to 64"), failure);
            } finally {
                execute(management, Operations.createRemoveOperation(property));
                // The failed redeploy may have left the deployment enabled but down, or rolled back to undeployed.
                String operation = read(management, deployment, "enabled").asBoolean() ? "redeploy" : "deploy";
                execute(management, Operations.createOperation(operation, deployment));
            }
            assertEquals(200, TestServer.get("/params").statusCode());
        }
    }

    @Test
    void theBuildGaveTheDatabaseAndTheKeyStorePasswordsOfTheirOwn() throws Exception {
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"))) {
            // WildFly's ExampleDS, with H2's sa/sa, is gone
            ModelNode datasources = Operations.createOperation("read-children-names",
                    Operations.createAddress("subsystem", "datasources"));
            datasources.get("child-type").set("data-source");
            assertEquals("[\"WildRTCDS\"]", execute(management, datasources).toJSONString(true));
            ModelNode datasource = Operations.createAddress("subsystem", "datasources", "data-source", "WildRTCDS");
            String databasePassword = resolve(management, read(management, datasource, "password"));
            assertTrue(databasePassword.matches("[0-9a-f]{32}"), "not sa, not any default");
            assertEquals("wildrtc", resolve(management, read(management, datasource, "user-name")));

            String keyStorePassword = resolve(management, read(management,
                    Operations.createAddress("subsystem", "elytron", "key-store", "applicationKS"),
                    "credential-reference").get("clear-text"));
            assertTrue(keyStorePassword.matches("[0-9a-f]{32}"), "not WildFly's default \"password\"");
            assertNotEquals(databasePassword, keyStorePassword);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream file = Files.newInputStream(Path.of(System.getProperty("it.server.dir"),
                    "standalone", "configuration", "application.keystore"))) {
                keyStore.load(file, keyStorePassword.toCharArray());
            }
            assertTrue(keyStore.isKeyEntry("server"), "the build made the key store with that password");
            // TURN over TLS follows the key store's password
            assertEquals(keyStorePassword, resolve(management, read(management,
                    Operations.createAddress("subsystem", "resource-adapters", "resource-adapter", "wildrtc-turn",
                            "config-properties", "tlsKeystorePassword"), "value")));
        }
    }

    private static ModelNode read(ModelControllerClient management, ModelNode address, String attribute)
            throws Exception {
        return execute(management, Operations.createReadAttributeOperation(address, attribute));
    }

    /** The value as the server resolves its expressions. */
    private static String resolve(ModelControllerClient management, ModelNode value) throws Exception {
        ModelNode resolve = Operations.createOperation("resolve-expression", new ModelNode().setEmptyList());
        resolve.get("expression").set(value);
        return execute(management, resolve).asString();
    }

    /** The REALM of the 401 an unauthenticated Allocate gets. */
    private static String challengeRealm() throws Exception {
        try (StunTestClient client = new StunTestClient(TestServer.turn())) {
            client.send(TurnRequests.request(StunMethod.ALLOCATE, TurnRequests.transactionId(), null,
                    w -> w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.UDP)));
            StunMessage answer = client.receive();
            assertEquals(401, ErrorCode.read(answer));
            return answer.text(AttributeType.REALM).orElseThrow();
        }
    }

    private static ModelNode execute(ModelControllerClient management, ModelNode operation) throws Exception {
        ModelNode result = management.execute(operation);
        assertTrue(Operations.isSuccessfulOutcome(result), operation + ": " + result);
        return Operations.readResult(result);
    }
}
