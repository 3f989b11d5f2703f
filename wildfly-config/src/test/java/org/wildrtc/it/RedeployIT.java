package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunTestClient;

/** Undeploy frees the STUN port; deploy binds it again, as an admin does it in the console. */
class RedeployIT extends RunningServerTest {
    @Test
    void afterUndeployAndDeployTheStunPortAnswersAgain() throws Exception {
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"));
             StunTestClient client = new StunTestClient(TestServer.turn())) {
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());

            execute(management, "undeploy");
            client.send(StunTestClient.bindingRequest(99));
            assertTrue(client.silentFor(500), "the STUN port still answers after undeploy");

            execute(management, "deploy");
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());
            assertEquals(200, TestServer.get("/params").statusCode());
        }
    }

    private static void execute(ModelControllerClient management, String operation) throws Exception {
        ModelNode result = management.execute(Operations.createOperation(operation,
                Operations.createAddress("deployment", TestServer.DEPLOYMENT)));
        assertTrue(Operations.isSuccessfulOutcome(result), operation + ": " + result);
    }
}
