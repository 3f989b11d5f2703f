package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health on the management interface, as a load balancer asks it: ready and alive
 * normally; not ready, naming the database check, while the rooms database does not answer, and
 * ready again when it is back. The database is an H2 server in the test JVM that the test stops and
 * starts; the server uses it through {@code wildrtc.db.url} (cli/datasource.cli).
 */
class HealthIT extends RunningServerTest {
    private static final String URL_PROPERTY = "wildrtc.db.url";

    @Test
    void readyAndAliveWhenAllIsWell() throws Exception {
        Health ready = Health.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body().toString());
        assertEquals("UP", ready.check("wildrtc-database").getString("status"));
        assertEquals("UP", ready.check("wildrtc-turn").getString("status"));
        Health live = Health.get("/health/live");
        assertEquals(200, live.statusCode(), live.body().toString());
        assertEquals("UP", live.check("wildrtc-turn-event-loops").getString("status"));
    }

    @Test
    void notReadyWhileTheDatabaseIsGoneAndReadyWhenItIsBack() throws Exception {
        try (H2TcpServer database = H2TcpServer.start(Path.of(System.getProperty("it.h2.dir", "target/h2")));
             ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                     TestServer.port("management"))) {
            ModelNode property = Operations.createAddress("system-property", URL_PROPERTY);
            ModelNode add = Operations.createAddOperation(property);
            add.get("value").set(database.url("rooms"));
            execute(management, add);
            try {
                TestServer.reload(management);
                assertEquals("UP", awaitReadiness(200).check("wildrtc-database").getString("status"));
                Rooms.join(Rooms.fresh("health"));
                double errorsBefore = Scrape.now().value("wildrtc_database_errors_total");

                database.stop();
                Health down = awaitReadiness(503);
                JsonObject check = down.check("wildrtc-database");
                assertEquals("DOWN", check.getString("status"), down.body().toString());
                assertTrue(check.getJsonObject("data").getString("reason").startsWith("the rooms database does not answer"),
                        check.toString());
                // liveness is not the database's business: a restart would not bring it back
                assertEquals(200, Health.get("/health/live").statusCode());
                awaitDatabaseErrorsAbove(errorsBefore);

                database.start();
                assertEquals("UP", awaitReadiness(200).check("wildrtc-database").getString("status"));
                Rooms.join(Rooms.fresh("health"));
            } finally {
                execute(management, Operations.createRemoveOperation(property));
                TestServer.reload(management);
            }
        }
    }

    /** The room counts fail every 5 s while the database is gone. */
    private static void awaitDatabaseErrorsAbove(double before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Scrape.now().value("wildrtc_database_errors_total") <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("wildrtc_database_errors_total did not grow within 60 s");
            }
            Thread.sleep(500);
        }
    }

    /** Asks until readiness answers {@code status}; every answer must come within 10 s. */
    private static Health awaitReadiness(int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Health ready = Health.get("/health/ready");
            if (ready.statusCode() == status) {
                return ready;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/health/ready still answers " + ready.statusCode() + " after 60 s: " + ready.body());
            }
            Thread.sleep(500);
        }
    }

    private static void execute(ModelControllerClient management, ModelNode operation) throws Exception {
        ModelNode result = management.execute(operation);
        assertTrue(Operations.isSuccessfulOutcome(result), operation + ": " + result);
    }
}
