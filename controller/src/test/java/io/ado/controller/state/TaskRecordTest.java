package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.protocol.TaskSpec;
import org.junit.jupiter.api.Test;

class TaskRecordTest {
    @Test
    void transitionsOutsideTheTableAreRefused() {
        TaskRecord t = TaskRecord.created("t", TaskSpec.shell("x"), 1, 0);
        assertThatThrownBy(() -> t.started(1)).hasMessageContaining("pending -> running is not allowed");
    }
}
