package org.wildrtc.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: DOWN while the rooms database (datasource WildRTCDS) does not answer a
 * validity check within {@value #TIMEOUT_SECONDS} s: joins and queued messages need it.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    static final String NAME = "wildrtc-database";
    private static final int TIMEOUT_SECONDS = 3;

    @Resource(lookup = "java:jboss/datasources/WildRTCDS")
    DataSource dataSource;

    /** By its global name: an EAR library has no java:comp of its own. */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService executor;

    private BoundedProbe probe;

    @PostConstruct
    void init() {
        probe = new BoundedProbe(executor, this::validate, TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS), System::nanoTime);
    }

    @Override
    public HealthCheckResponse call() {
        String problem = probe.check();
        return problem == null ? Checks.up(NAME, "the rooms database answers")
                : Checks.down(NAME, "the rooms database does not answer: " + problem);
    }

    /** A connection from the pool (which validates it, validate-on-match) that the driver finds valid. */
    private String validate() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS) ? null : "the connection is not valid";
        }
    }
}
