package io.ado.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration as one YAML tree, before it is bound: the defaults (the records' own, written
 * out by the mapper), then each layer set on top. Remembers, per dotted key, which source set it and
 * how the user spelled it (an older alias), so that a refusal found while binding names both.
 */
final class ConfigTree {
    private final ObjectNode root;
    /** The defaults' leaf keys: every settable key (what environment names and --set may name). */
    private final List<String> leaves = new ArrayList<>();
    private final Map<String, JsonNode> defaults = new HashMap<>();
    private final Set<String> sections = new HashSet<>();
    private final Map<String, String> sourceOf = new HashMap<>();
    private final Map<String, String> spelledAs = new HashMap<>();

    ConfigTree(ObjectNode defaultsTree) {
        this.root = defaultsTree;
        collect("", defaultsTree);
    }

    private void collect(String prefix, JsonNode node) {
        node.properties().forEach(e -> {
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                sections.add(key);
                collect(key + ".", e.getValue());
            } else {
                leaves.add(key);
                defaults.put(key, e.getValue());
            }
        });
    }

    ObjectNode root() { return root; }

    List<String> leaves() { return leaves; }

    boolean isLeaf(String key) { return defaults.containsKey(key); }

    /** A free-form map setting (its default an empty mapping, e.g. {@code scaling.kubernetes.nodeSelector}): its keys are data, not settings. */
    boolean isMap(String key) { return defaults.containsKey(key) && defaults.get(key).isObject(); }

    /** A key whose default is a mapping of keys (e.g. {@code distributed.controller.health}). */
    boolean isSection(String key) { return sections.contains(key); }

    /** Whether any key was spelled in one of {@code aliases} (then unset keys are shown in that spelling too). */
    boolean spelledAny(Set<String> aliases) { return spelledAs.values().stream().anyMatch(aliases::contains); }

    /** Sets {@code key} (canonical) to {@code value}; {@code spelled} is the key as the source wrote it. */
    void set(String source, String spelled, String key, JsonNode value) {
        String[] parts = key.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], value);
        sourceOf.put(key, source);
        if (!spelled.equals(key)) spelledAs.put(key, spelled);
    }

    /** Records that {@code key} (a section or an unknown key) came from {@code source}. */
    void touched(String source, String key) { sourceOf.putIfAbsent(key, source); }

    /**
     * A string from the environment or a flag as the node the key's default has the type of: a number,
     * a boolean, or text. Text otherwise (then binding refuses it where a number was expected, as a
     * quoted number in the file is refused).
     */
    JsonNode typed(String key, String raw) {
        JsonNode d = defaults.get(key);
        if (d == null || d.isTextual() || d.isNull()) return TextNode.valueOf(raw);
        if (raw.matches("-?\\d{1,18}")) return LongNode.valueOf(Long.parseLong(raw));
        if (raw.matches("-?\\d+\\.\\d+")) return DoubleNode.valueOf(Double.parseDouble(raw));
        if (raw.equals("true") || raw.equals("false")) return BooleanNode.valueOf(raw.equals("true"));
        return TextNode.valueOf(raw);
    }

    String sourceOf(String key, String fallback) { return sourceOf.getOrDefault(key, fallback); }

    /** How the user wrote {@code key}, or {@code null} if they did not set it. */
    String spelledAs(String key) { return spelledAs.get(key); }

    /** The text of the value at {@code key}, for "got '...'" (a section as its YAML-ish JSON). */
    String valueText(String key) {
        JsonNode n = root;
        for (String p : key.split("\\.")) n = n == null ? null : n.get(p);
        return n == null ? "" : n.isValueNode() ? n.asText() : n.toString();
    }
}
