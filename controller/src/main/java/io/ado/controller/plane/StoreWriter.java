package io.ado.controller.plane;

import io.ado.controller.state.StateStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes one {@link StoreWrite} of a plan in the control plane's open batch. */
final class StoreWriter {
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    private StoreWriter() {}

    static void write(StateStore store, StoreWrite w) {
        switch (w) {
            case StoreWrite.CreateTask c -> store.createTask(c.task());
            case StoreWrite.UpdateTask u -> {
                if (!store.updateTask(u.task())) {
                    throw new IllegalStateException("task " + u.task().id() + " changed under us (version " + u.task().version() + ")");
                }
            }
            case StoreWrite.CreateAttempt c -> store.createAttempt(c.attempt());
            case StoreWrite.SaveAttempt a -> store.saveAttempt(a.attempt());
            case StoreWrite.SaveWorker sw -> store.saveWorker(sw.worker());
            case StoreWrite.AppendOutput o -> store.appendOutput(o.chunk());
            case StoreWrite.DeleteOfflineWorkers d -> {
                List<String> gone = store.deleteOfflineWorkers(d.seenBefore());
                if (!gone.isEmpty()) log.info("registry cleanup: forgot {} offline worker(s): {}", gone.size(), gone);
            }
            case StoreWrite.CreateJoinToken t -> store.createJoinToken(t.token());
            case StoreWrite.UseJoinToken u -> store.useJoinToken(u.tokenHash(), u.usedAt());
            case StoreWrite.DeleteJoinTokens d -> store.deleteJoinTokens(d.expiredBefore());
            case StoreWrite.SaveReconnectHash h -> store.saveReconnectHash(h.workerId(), h.hash());
        }
    }
}
