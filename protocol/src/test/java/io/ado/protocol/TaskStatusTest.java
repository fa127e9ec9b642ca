package io.ado.protocol;

import static io.ado.protocol.TaskStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskStatusTest {
    private static final Set<String> ALLOWED = Set.of(
            "PENDING>SCHEDULED", "PENDING>FAILED", "PENDING>CANCELLED",
            "SCHEDULED>RUNNING", "SCHEDULED>PENDING", "SCHEDULED>FAILED", "SCHEDULED>CANCELLED",
            "RUNNING>COMPLETED", "RUNNING>FAILED", "RUNNING>CANCELLED", "RUNNING>PENDING");

    static Stream<Arguments> everyPair() {
        return EnumSet.allOf(TaskStatus.class).stream()
                .flatMap(from -> EnumSet.allOf(TaskStatus.class).stream().map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyListedTransitionsAreAllowed(TaskStatus from, TaskStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(ALLOWED.contains(from + ">" + to));
    }

    @ParameterizedTest
    @MethodSource("everyPair")
    void terminalStatesHaveNoWayOut(TaskStatus from, TaskStatus to) {
        if (Set.of(COMPLETED, FAILED, CANCELLED).contains(from)) assertThat(from.canMoveTo(to)).isFalse();
        assertThat(from.isTerminal()).isEqualTo(Set.of(COMPLETED, FAILED, CANCELLED).contains(from));
    }
}
