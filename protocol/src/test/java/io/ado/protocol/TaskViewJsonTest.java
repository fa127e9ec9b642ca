package io.ado.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskViewJsonTest {
    private static final TaskView PENDING = new TaskView("t1", TaskStatus.PENDING, TaskSpec.shell("true"), 0, 3, null, null, null, 5, null, null, 0,
            List.of(), null);

    @Test
    void pendingReasonRoundTripsAndIsLeftOutWhenAbsent() {
        assertThat(Json.write(PENDING)).doesNotContain("pendingReason");
        TaskView why = PENDING.withPendingReason("no worker has capability gpu");
        assertThat(Json.write(why)).contains("\"pendingReason\":\"no worker has capability gpu\"");
        assertThat(Json.read(Json.write(why), TaskView.class)).isEqualTo(why);
    }

    @Test
    void viewOfAnOlderControllerWithoutTheFieldStillReads() {
        String old = Json.write(PENDING);
        assertThat(Json.read(old, TaskView.class).pendingReason()).isNull();
    }
}
