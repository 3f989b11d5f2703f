package org.wildrtc.it;

import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Integration tests that talk to the provisioned server, started for them by Arquillian. */
@ExtendWith(ArquillianExtension.class)
abstract class RunningServerTest {
    @ArquillianResource
    ContainerController controller;

    @BeforeEach
    void startServer() {
        TestServer.ensureStarted(controller);
    }
}
