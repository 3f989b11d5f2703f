package org.wildrtc.metrics;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** Whether a failure came from the database: JPA's or JDBC's exception somewhere in its causes. */
public final class DatabaseFailure {
    /** Deep enough for the container's wrappers (EJB, JTA, Hibernate); a cause cycle ends here too. */
    private static final int MAX_DEPTH = 16;

    private DatabaseFailure() {
    }

    public static boolean causedBy(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (cause instanceof PersistenceException || cause instanceof SQLException) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
