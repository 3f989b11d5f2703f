package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunTestClient;

/**
 * Undeploy frees the STUN port and removes WildRTC's meters; deploy binds the port again and registers
 * the meters anew, as an admin does it in the console.
 */
class RedeployIT extends RunningServerTest {
    @Test
    void afterUndeployAndDeployTheStunPortAnswersAgain() throws Exception {
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"));
             StunTestClient client = new StunTestClient(TestServer.turn())) {
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());
            long series = Scrape.now().wildrtc().lines().filter(line -> line.startsWith("wildrtc_")).count();

            execute(management, "undeploy");
            client.send(StunTestClient.bindingRequest(99));
            assertTrue(client.silentFor(500), "the STUN port still answers after undeploy");
            assertEquals("", Scrape.now().wildrtc());

            execute(management, "deploy");
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());
            assertEquals(200, TestServer.get("/params").statusCode());
            // the new deployment's meters, reading its connector: one series each, none left over
            Scrape after = Scrape.now();
            assertEquals(series, after.wildrtc().lines().filter(line -> line.startsWith("wildrtc_")).count());
            assertEquals(0, after.value("wildrtc_turn_allocations", "transport", "tls"));
        }
    }

    private static void execute(ModelControllerClient management, String operation) throws Exception {
        ModelNode result = management.execute(Operations.createOperation(operation,
                Operations.createAddress("deployment", TestServer.DEPLOYMENT)));
        assertTrue(Operations.isSuccessfulOutcome(result), operation + ": " + result);
    }
}
