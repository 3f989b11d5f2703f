package org.wildrtc.jca;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs Netty's event loops on container threads: each runnable becomes a JCA {@link Work}. An
 * event loop keeps its thread until the resource adapter stops the loops.
 */
final class WorkManagerExecutor implements Executor {
    private final WorkManager workManager;

    WorkManagerExecutor(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new RunnableWork(task), WorkManager.INDEFINITE, null, null);
        } catch (WorkException e) {
            throw new RejectedExecutionException("the WorkManager refused an event loop thread: " + e.getMessage(), e);
        }
    }

    private record RunnableWork(Runnable task) implements Work {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            // The loops end when the resource adapter shuts the event loop group down.
        }
    }
}
