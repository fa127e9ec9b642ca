package io.ado.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.runtime.TestBehaviors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChildSpecTest {
    private final ChildSpec ok = ChildSpec.worker("w", TestBehaviors.Cell::new, null);

    @Test void rejectsEachBadFieldWithItsOwnReason() {
        assertThatThrownBy(() -> ok.withId(" ")).hasMessageContaining("id must not be blank");
        assertThatThrownBy(() -> ok.withRestart(null)).hasMessageContaining("restart must not be null");
        assertThatThrownBy(() -> ok.withShutdownTimeout(Duration.ofMillis(-1))).hasMessageContaining("shutdownTimeout must be >= 0");
        assertThatThrownBy(() -> ok.withSignificant(true)).hasMessageContaining("significant child must be transient or temporary");
        assertThatThrownBy(() -> new ChildSpec("x", null, RestartType.PERMANENT, Duration.ZERO, false, false, null))
                .hasMessageContaining("start must not be null");
    }

    @Test void supervisorSpecValidatesChildrenAndTemplate() {
        assertThatThrownBy(() -> SupervisorSpec.builder(Strategy.ONE_FOR_ONE).child(ok).child(ok).build())
                .hasMessageContaining("duplicate child id 'w'");
        assertThatThrownBy(() -> SupervisorSpec.builder(Strategy.SIMPLE_ONE_FOR_ONE).build())
                .hasMessageContaining("needs a childTemplate");
        assertThatThrownBy(() -> SupervisorSpec.builder(Strategy.SIMPLE_ONE_FOR_ONE).childTemplate(ok).child(ok).build())
                .hasMessageContaining("takes no static children");
        assertThatThrownBy(() -> SupervisorSpec.builder(Strategy.ONE_FOR_ONE).childTemplate(ok).build())
                .hasMessageContaining("only for simple_one_for_one");
        assertThatThrownBy(() -> SupervisorSpec.builder(Strategy.ONE_FOR_ONE).intensity(-1, 10).build())
                .hasMessageContaining("maxRestarts must be >= 0");
    }
}
