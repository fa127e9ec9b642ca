package io.ado.controller.spawner.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the Role in {@code deploy/kubernetes/rbac.yaml} allows, and a recorded HTTP request as the
 * (verb, resource) pair an API server's authorizer would check. Test support for the RBAC checks.
 */
record RoleRules(String namespace, List<PolicyRule> rules) {
    static final Path DEPLOY = deployDir();

    /** One authorization check: {@code resource} with its subresource ({@code pods/status}); namespace null = cluster-wide. */
    record Access(String verb, String group, String resource, String namespace) {
        @Override
        public String toString() { return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (namespace == null ? " (cluster-wide)" : ""); }
    }

    static RoleRules load(String roleName) throws IOException {
        Role role = manifests(DEPLOY.resolve("rbac.yaml")).stream().filter(r -> r instanceof Role && r.getMetadata().getName().equals(roleName))
                .map(Role.class::cast).findFirst().orElseThrow(() -> new AssertionError("no Role " + roleName + " in rbac.yaml"));
        return new RoleRules(role.getMetadata().getNamespace(), role.getRules());
    }

    boolean allows(Access a) {
        if (a.namespace() == null) return false; // a Role never grants cluster-wide access
        return rules.stream().anyMatch(r -> matches(r.getVerbs(), a.verb()) && matches(r.getApiGroups(), a.group())
                && matches(r.getResources(), a.resource()) && r.getResourceNames().isEmpty());
    }

    /** Every (verb, resource) the Role grants. */
    Set<String> grants() {
        Set<String> out = new TreeSet<>();
        for (PolicyRule r : rules) for (String g : r.getApiGroups()) for (String res : r.getResources()) for (String v : r.getVerbs()) {
            out.add(new Access(v, g, res, namespace).toString());
        }
        return out;
    }

    private static boolean matches(List<String> allowed, String value) { return allowed.contains("*") || allowed.contains(value); }

    /** GET item = get, GET collection = list, GET ?watch = watch, POST = create, PUT = update, PATCH = patch, DELETE item = delete. */
    static Access access(RecordedRequest req) {
        String full = req.getPath();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        String query = q < 0 ? "" : full.substring(q + 1);
        List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        String group;
        if (parts.getFirst().equals("api")) { group = ""; parts = parts.subList(2, parts.size()); }
        else if (parts.getFirst().equals("apis")) { group = parts.get(1); parts = parts.subList(3, parts.size()); }
        else throw new AssertionError("not an API path: " + full);
        String ns = null;
        if (parts.size() >= 2 && parts.get(0).equals("namespaces")) { ns = parts.get(1); parts = parts.subList(2, parts.size()); }
        if (parts.isEmpty()) throw new AssertionError("no resource in " + full);
        String resource = parts.get(0) + (parts.size() > 2 ? "/" + parts.get(2) : "");
        boolean item = parts.size() >= 2;
        boolean watch = query.matches("(.*&)?watch=(true|1)(&.*)?");
        String verb = switch (req.getMethod()) {
            case "GET" -> watch ? "watch" : item ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> item ? "delete" : "deletecollection";
            default -> throw new AssertionError("method " + req.getMethod() + " of " + full);
        };
        return new Access(verb, group, resource, ns);
    }

    /** The objects of one manifest file (several documents allowed), as fabric8 model classes. */
    static List<HasMetadata> manifests(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = new KubernetesSerialization().unmarshal(in);
            List<HasMetadata> out = new ArrayList<>();
            if (parsed instanceof List<?> l) l.forEach(o -> out.add((HasMetadata) o));
            else out.add((HasMetadata) parsed);
            return out;
        }
    }

    private static Path deployDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/kubernetes"))) return p.resolve("deploy/kubernetes");
        }
        throw new AssertionError("deploy/kubernetes not found above " + Path.of("").toAbsolutePath());
    }
}
