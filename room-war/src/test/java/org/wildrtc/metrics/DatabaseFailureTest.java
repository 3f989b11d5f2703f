package org.wildrtc.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailureTest {
    @Test
    void aJdbcOrJpaFailureDeepInTheContainersWrappersCounts() {
        assertTrue(DatabaseFailure.causedBy(new RuntimeException(new IllegalStateException(new SQLException("refused")))));
        assertTrue(DatabaseFailure.causedBy(new PersistenceException("lock timeout")));
    }

    @Test
    void otherFailuresDoNot() {
        assertFalse(DatabaseFailure.causedBy(new IllegalArgumentException("bad room id")));
        assertFalse(DatabaseFailure.causedBy(null));
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertFalse(DatabaseFailure.causedBy(first));
    }
}
