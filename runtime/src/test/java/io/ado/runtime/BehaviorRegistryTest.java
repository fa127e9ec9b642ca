package io.ado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BehaviorRegistryTest {
    @Test void registersByNameAndMakesAFreshBehaviourEachTime() {
        BehaviorRegistry reg = new BehaviorRegistry();
        reg.register("cell", TestBehaviors.Cell::new);
        assertThat(reg.isRegistered("cell")).isTrue();
        assertThat(reg.require("cell")).isNotSameAs(reg.require("cell"));
        assertThat(reg.names()).containsExactly("cell");
        assertThatThrownBy(() -> reg.register("cell", TestBehaviors.Cell::new))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> reg.require("nope"))
                .isInstanceOf(UnknownBehaviorException.class).hasMessageContaining("'nope' is not registered");
        assertThatThrownBy(() -> reg.register(" ", TestBehaviors.Cell::new)).isInstanceOf(IllegalArgumentException.class);
        assertThat(reg.unregister("cell")).isTrue();
        assertThat(reg.create("cell")).isEmpty();
    }
}
