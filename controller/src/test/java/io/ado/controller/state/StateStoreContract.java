package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.protocol.OutputStream;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@link StateStore} contract, run against every backend: the embedded SQLite store, H2 and
 * PostgreSQL. A subclass says how to open a store and how to open it again on the same data.
 */
abstract class StateStoreContract {
    /** A store on fresh, empty data for this test. */
    abstract StateStore open();

    /** A second store on the same data as the last {@link #open()} (a restart, or another replica). */
    abstract StateStore reopen();

    @Test
    void optimisticLockRejectsAStaleWriter() throws Exception {
        try (StateStore store = open()) {
            TaskRecord t = TaskRecord.created("t1", TaskSpec.shell("true"), 3, 1);
            store.createTask(t);
            TaskRecord a = t.scheduledOn("w1");
            assertThat(store.updateTask(a)).isTrue();
            TaskRecord b = t.scheduledOn("w2"); // read the same version as a
            assertThat(store.updateTask(b)).isFalse();
            TaskRecord stored = store.task("t1").orElseThrow();
            assertThat(stored.workerId()).isEqualTo("w1");
            assertThat(stored.version()).isEqualTo(1);
            assertThat(stored.attempt()).isEqualTo(1);
        }
    }

    @Test
    void everythingSurvivesReopening() throws Exception {
        try (StateStore store = open()) {
            store.createTask(TaskRecord.created("t1", new TaskSpec("echo", "shell", null, Map.of("A", "1"), null, 5L, List.of("gpu"), 1), 1, 10));
            store.createTask(TaskRecord.created("t2", TaskSpec.shell("x"), 3, 20));
            store.saveAttempt(new AttemptRecord("t1", 1, "w1", TaskStatus.RUNNING, null, null, 11, null));
            store.saveAttempt(new AttemptRecord("t1", 1, "w1", TaskStatus.COMPLETED, 0, null, 11, 12L));
            store.saveWorker(new WorkerRow("w1", "h", List.of("shell", "gpu"), 2, 100, "api", null, 4, WorkerStatus.IDLE, 1, 2, 0));
            for (int i = 0; i < 3; i++) {
                store.appendOutput(new OutputChunk("t1", i, 1, i, i == 1 ? OutputStream.STDERR : OutputStream.STDOUT, "l" + i, 5));
            }
        }
        try (StateStore store = reopen()) {
            assertThat(store.task("t1").orElseThrow().spec().capabilities()).containsExactly("gpu");
            assertThat(store.task("t1").orElseThrow().spec().env()).containsEntry("A", "1");
            assertThat(store.attempts("t1")).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(TaskStatus.COMPLETED));
            assertThat(store.workers()).singleElement().satisfies(w -> assertThat(w.capabilities()).containsExactly("shell", "gpu"));
            assertThat(store.output("t1", 1, 10)).extracting(OutputChunk::data).containsExactly("l1", "l2");
            assertThat(store.output("t1", 1, 10).get(0).stream()).isEqualTo(OutputStream.STDERR);
            assertThat(store.lastSeq("t1")).isEqualTo(2);
            assertThat(store.lastSeq("t2")).isEqualTo(-1);
            assertThat(store.lastWorkerSeq("t1", 1)).isEqualTo(2);
            assertThat(store.unfinishedTasks()).extracting(TaskRecord::id).containsExactly("t1", "t2");
            assertThat(store.tasks(true, 10)).extracting(TaskRecord::id).containsExactly("t2", "t1");
            assertThat(store.tasks(true, 1)).extracting(TaskRecord::id).containsExactly("t2");
        }
    }

    @Test
    void unknownIdsAreEmptyNotErrors() throws Exception {
        try (StateStore store = open()) {
            assertThat(store.task("nope")).isEmpty();
            assertThat(store.worker("nope")).isEmpty();
            assertThat(store.attempts("nope")).isEmpty();
            assertThat(store.output("nope", 0, 10)).isEmpty();
            assertThat(store.updateTask(TaskRecord.created("nope", TaskSpec.shell("x"), 1, 0))).isFalse();
        }
    }

    @Test
    void duplicateOutputSequenceIsRejectedAndChangesNothing() throws Exception {
        try (StateStore store = open()) {
            store.createTask(TaskRecord.created("t", TaskSpec.shell("x"), 1, 0));
            store.appendOutput(new OutputChunk("t", 0, 1, 0, OutputStream.STDOUT, "first", 1));
            assertThatThrownBy(
                    () -> store.appendOutput(new OutputChunk("t", 0, 1, 0, OutputStream.STDOUT, "again", 2)))
                    .isInstanceOf(StoreException.class);
            assertThat(store.output("t", 0, 10)).extracting(OutputChunk::data).containsExactly("first");
        }
    }

    @Test
    void workerUpdatesBumpTheVersion() throws Exception {
        try (StateStore store = open()) {
            WorkerRow w = new WorkerRow("w", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.IDLE, 1, 1, 0);
            store.saveWorker(w);
            store.saveWorker(new WorkerRow("w", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.BUSY, 1, 5, 0));
            WorkerRow stored = store.worker("w").orElseThrow();
            assertThat(stored.status()).isEqualTo(WorkerStatus.BUSY);
            assertThat(stored.lastHeartbeat()).isEqualTo(5);
            assertThat(stored.version()).isEqualTo(1);
        }
    }

    @Test
    void onlyOfflineWorkersLastSeenBeforeTheThresholdAreDeleted() throws Exception {
        try (StateStore store = open()) {
            store.saveWorker(new WorkerRow("old", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.OFFLINE, 1, 10, 0));
            store.saveWorker(new WorkerRow("recent", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.OFFLINE, 1, 100, 0));
            store.saveWorker(new WorkerRow("live", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.IDLE, 1, 5, 0));
            assertThat(store.deleteOfflineWorkers(50)).containsExactly("old");
            assertThat(store.workers()).extracting(WorkerRow::id).containsExactly("live", "recent");

            store.begin(); // inside a batch it judges the batch's own writes
            store.saveWorker(new WorkerRow("recent", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.IDLE, 1, 100, 0)); // came back
            store.saveWorker(new WorkerRow("gone", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.OFFLINE, 1, 20, 0));
            assertThat(store.deleteOfflineWorkers(1000)).containsExactly("gone");
            store.commit();
            assertThat(store.workers()).extracting(WorkerRow::id).containsExactly("live", "recent");
        }
    }

    static String hash(char c) { return String.valueOf(c).repeat(64); }

    @Test
    void joinTokensAreStoredByHashUsedOnceAndForgottenAfterExpiry() throws Exception {
        try (StateStore store = open()) {
            store.createJoinToken(new JoinTokenRecord(hash('a'), "w1", 10, 100, null));
            store.begin(); // minted and used in one batch: the use follows the insert
            store.createJoinToken(new JoinTokenRecord(hash('b'), "w2", 20, 200, null));
            store.useJoinToken(hash('b'), 30);
            store.createJoinToken(new JoinTokenRecord(hash('c'), "w3", 25, 40, null));
            assertThat(store.joinTokens(0)).extracting(JoinTokenRecord::tokenHash).containsExactly(hash('a'), hash('b'), hash('c'));
            store.commit();
        }
        try (StateStore store = reopen()) {
            assertThat(store.joinTokens(50)).containsExactly(new JoinTokenRecord(hash('a'), "w1", 10, 100, null),
                    new JoinTokenRecord(hash('b'), "w2", 20, 200, 30L));
            store.deleteJoinTokens(150);
            assertThat(store.joinTokens(0)).extracting(JoinTokenRecord::tokenHash).containsExactly(hash('b'));
        }
    }

    @Test
    void aReconnectHashGoesWithItsWorkerRow() throws Exception {
        try (StateStore store = open()) {
            store.begin(); // the row and its hash in one batch: the hash is set once the row exists
            store.saveWorker(new WorkerRow("w1", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.IDLE, 1, 1, 0));
            store.saveReconnectHash("w1", hash('d'));
            store.commit();
            store.saveWorker(new WorkerRow("w2", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.OFFLINE, 1, 1, 0));
            store.saveReconnectHash("w2", hash('e'));
            store.saveWorker(new WorkerRow("w1", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.BUSY, 1, 5, 0)); // keeps the hash
        }
        try (StateStore store = reopen()) {
            assertThat(store.reconnectHashes()).containsExactly(Map.entry("w1", hash('d'))); // an offline worker's does not count
            store.saveWorker(new WorkerRow("w2", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.IDLE, 1, 1, 0));
            assertThat(store.reconnectHashes()).containsOnlyKeys("w1", "w2");
            store.saveWorker(new WorkerRow("w1", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.OFFLINE, 1, 5, 0));
            assertThat(store.deleteOfflineWorkers(10)).containsExactly("w1");
            store.saveWorker(new WorkerRow("w1", "h", List.of(), 1, 1, null, null, 1, WorkerStatus.IDLE, 1, 20, 0)); // a new row: no hash
            assertThat(store.reconnectHashes()).containsOnlyKeys("w2");
        }
    }

    @Test
    void aBatchReadsItsOwnWritesAndCommitsTheirLastState() throws Exception {
        try (StateStore store = open()) {
            store.begin();
            TaskRecord t = TaskRecord.created("b1", TaskSpec.shell("true"), 3, 1);
            store.createTask(t);
            TaskRecord scheduled = t.scheduledOn("w1");
            assertThat(store.updateTask(scheduled)).isTrue();
            assertThat(store.updateTask(t.scheduledOn("w2"))).isFalse(); // the batch already holds version 1
            TaskRecord running = scheduled.withVersion(1).started(5);
            assertThat(store.updateTask(running)).isTrue();
            store.createAttempt(new AttemptRecord("b1", 1, "w1", TaskStatus.SCHEDULED, null, null, 2, null));
            store.saveAttempt(new AttemptRecord("b1", 1, "w1", TaskStatus.RUNNING, null, null, 2, null));
            store.appendOutput(new OutputChunk("b1", 0, 1, 0, OutputStream.STDOUT, "hi", 6));
            assertThat(store.task("b1").orElseThrow().status()).isEqualTo(TaskStatus.RUNNING); // read inside the batch
            assertThat(store.lastSeq("b1")).isEqualTo(0);
            store.saveAttempt(new AttemptRecord("b1", 1, "w1", TaskStatus.COMPLETED, 0, null, 2, 7L)); // after the read: sent at commit
            store.commit();
        }
        try (StateStore store = reopen()) {
            TaskRecord stored = store.task("b1").orElseThrow();
            assertThat(stored.status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(stored.version()).isEqualTo(2);
            assertThat(store.attempts("b1")).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(TaskStatus.COMPLETED));
            assertThat(store.output("b1", 0, 10)).extracting(OutputChunk::data).containsExactly("hi");
        }
    }

    @Test
    void aBatchThatLostAnOptimisticRaceKeepsNothing() throws Exception {
        try (StateStore a = open(); StateStore b = reopen()) {
            TaskRecord t = TaskRecord.created("race", TaskSpec.shell("true"), 3, 1);
            a.createTask(t);
            a.begin();
            a.createTask(TaskRecord.created("other", TaskSpec.shell("true"), 3, 2));
            assertThat(a.updateTask(t.scheduledOn("w-a"))).isTrue();     // read version 0
            assertThat(b.updateTask(t.scheduledOn("w-b"))).isTrue();     // another writer commits version 1 first
            assertThatThrownBy(a::commit)
                    .isInstanceOf(ConflictException.class).hasMessageContaining("race");
            assertThat(a.task("race").orElseThrow().workerId()).isEqualTo("w-b");
            assertThat(a.task("other")).isEmpty();                       // the whole batch was rolled back
            a.createTask(TaskRecord.created("after", TaskSpec.shell("true"), 3, 3)); // and the store goes on
            assertThat(b.task("after")).isPresent();
        }
    }

    @Test
    void aFailedSendInsideABatchFailsItsCommit() throws Exception {
        try (StateStore store = open()) {
            store.createTask(TaskRecord.created("d", TaskSpec.shell("x"), 1, 0));
            store.appendOutput(new OutputChunk("d", 0, 1, 0, OutputStream.STDOUT, "first", 1));
            store.begin();
            store.createTask(TaskRecord.created("d2", TaskSpec.shell("x"), 1, 0));
            store.appendOutput(new OutputChunk("d", 0, 1, 0, OutputStream.STDOUT, "again", 2));
            assertThatThrownBy(() -> store.lastSeq("d")).isInstanceOf(StoreException.class);
            assertThatThrownBy(store::commit).isInstanceOf(StoreException.class);
            assertThat(store.task("d2")).isEmpty();
            assertThat(store.output("d", 0, 10)).extracting(OutputChunk::data).containsExactly("first");
        }
    }
}
