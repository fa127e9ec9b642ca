package io.ado.runtime;

/** Identifies one monitor, so it can be cancelled with {@code demonitor}. */
public record MonitorRef(String node, long id) {
    @Override public String toString() { return "#Ref<" + node + "." + id + ">"; }
}
