package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.controller.lease.LeaseDecision;
import io.ado.controller.lease.LeaseRow;
import io.ado.protocol.TaskSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A deposed leader cannot write: its commit finds a newer fencing number and rolls back. */
class FencingIT {
    final String url = Postgres.freshSchemaUrl();
    final JdbcStateStore oldLeader = JdbcStateStore.of(url, Postgres.USER, Postgres.PASSWORD);
    final JdbcStateStore newLeader = JdbcStateStore.of(url, Postgres.USER, Postgres.PASSWORD);

    @AfterEach
    void down() {
        oldLeader.close();
        newLeader.close();
        Postgres.dropSchemaOf(url);
    }

    static LeaseDecision take(JdbcStateStore s, String me, long now) {
        return new JdbcLeaseTable(s.dataSource(), "controller").step(row -> LeaseDecision.decide(row, me, "http://" + me, now, 2_000));
    }

    @Test
    void aCommitUnderAStaleFencingNumberRollsBackAndTheNewLeadersCommitsGoThrough() {
        LeaseDecision first = take(oldLeader, "a", 1_000);
        assertThat(first).isEqualTo(new LeaseDecision.Acquire(new LeaseRow("a", "http://a", 1, 3_000)));
        oldLeader.fence("controller", 1);
        oldLeader.begin();
        oldLeader.createTask(TaskRecord.created("t-1", TaskSpec.shell("true"), 0, 1_000));
        oldLeader.commit();

        // a stalls past its TTL; b takes over with fencing 2
        assertThat(take(newLeader, "b", 5_000)).isEqualTo(new LeaseDecision.Acquire(new LeaseRow("b", "http://b", 2, 7_000)));
        newLeader.fence("controller", 2);

        oldLeader.begin();
        oldLeader.createTask(TaskRecord.created("t-2", TaskSpec.shell("true"), 0, 5_001));
        assertThatThrownBy(oldLeader::commit).isInstanceOf(FencedException.class)
                .hasMessageContaining("is at fencing 2, this writer holds 1");
        // outside a batch too: a fenced store never writes unchecked
        assertThatThrownBy(() -> oldLeader.createTask(TaskRecord.created("t-3", TaskSpec.shell("true"), 0, 5_002)))
                .isInstanceOf(FencedException.class);

        newLeader.begin();
        newLeader.createTask(TaskRecord.created("t-4", TaskSpec.shell("true"), 0, 5_003));
        newLeader.commit();
        assertThat(newLeader.task("t-1")).isPresent();
        assertThat(newLeader.task("t-2")).isEmpty();
        assertThat(newLeader.task("t-3")).isEmpty();
        assertThat(newLeader.task("t-4")).isPresent();
    }
}
