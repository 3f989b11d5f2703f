package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * A second room server node in the test server: the EAR's own room-war deployed once more, at
 * {@code /node2}, on the same datasource and STUN/TURN connector. It has its own room locks and
 * rooms in memory, as a second node on one database has, so two nodes can race for one room.
 */
final class SecondNode implements AutoCloseable {
    static final String PATH = "/node2";
    private static final String NAME = "node2.war";
    private static final String ROOM_WAR = "room-war.war";
    /** Outside the EAR, the WAR sees the connector's classes through the EAR's RAR module. */
    private static final String DEPLOYMENT_STRUCTURE = """
            <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.2">
                <deployment>
                    <dependencies>
                        <module name="deployment.wildrtc.ear.turn-connector.rar"/>
                    </dependencies>
                </deployment>
            </jboss-deployment-structure>
            """;

    private final ModelControllerClient management;
    private final Path war;

    private SecondNode(ModelControllerClient management, Path war) {
        this.management = management;
        this.war = war;
    }

    static SecondNode deploy() throws Exception {
        Path war = Files.createTempFile("node2-", ".war");
        copyRoomWar(Path.of(System.getProperty("it.ear")), war);
        ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                TestServer.port("management"));
        ModelNode add = Operations.createAddOperation(address());
        ModelNode content = new ModelNode();
        content.get("path").set(war.toString());
        content.get("archive").set(true);
        add.get("content").add(content);
        add.get("enabled").set(true);
        execute(management, add);
        return new SecondNode(management, war);
    }

    @Override
    public void close() throws Exception {
        try {
            execute(management, Operations.createRemoveOperation(address()));
        } finally {
            management.close();
            Files.delete(war);
        }
    }

    /** room-war.war from the EAR, with the module dependency it has inside the EAR. */
    private static void copyRoomWar(Path ear, Path target) throws IOException {
        try (ZipFile earFile = new ZipFile(ear.toFile());
             ZipInputStream in = new ZipInputStream(earFile.getInputStream(earFile.getEntry(ROOM_WAR)));
             OutputStream file = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("WEB-INF/jboss-deployment-structure.xml"));
            out.write(DEPLOYMENT_STRUCTURE.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static ModelNode address() {
        return Operations.createAddress("deployment", NAME);
    }

    private static void execute(ModelControllerClient management, ModelNode operation) throws IOException {
        ModelNode result = management.execute(operation);
        assertTrue(Operations.isSuccessfulOutcome(result), operation + ": " + result);
    }
}
