package io.ado.controller.spawner.kubernetes;

import io.ado.controller.spawner.SpawnException;
import io.ado.controller.spawner.SpawnRequest;
import io.ado.controller.spawner.SpawnedInstance;
import io.ado.controller.spawner.WorkerSpawner;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker pods through the Kubernetes API (fabric8). Per worker: the pod ({@link WorkerPodTemplate},
 * name = worker id) and then its join-token Secret, owned by the pod. The pod comes first so that the
 * Secret can name the pod's uid as owner (the garbage collector deletes it with the pod, and the
 * spawner needs no right to patch Secrets); the container's env is resolved only after scheduling and
 * the image pull, by when the Secret exists, and a kubelet that is faster retries until it does.
 *
 * <p>{@link #list()} asks the API each time (pods with the pool's labels) and reads their status
 * with {@link PodStatusReader}: no watch, no cache to go stale; the scaling manager polls it.
 * {@link #terminate} deletes only a pod that carries this pool's labels, never another pod that
 * happens to have the name. What it needs from the API is exactly the Role in
 * {@code deploy/kubernetes/rbac.yaml}: pods create, get, list, delete; secrets create, delete.
 *
 * <p>Thread-safe (the fabric8 client is); calls block for one or two API round trips. No token ever
 * goes into a log line or an exception message (see {@link #masked}).
 */
public final class KubernetesWorkerSpawner implements WorkerSpawner {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesWorkerSpawner.class);

    private final KubernetesClient client;
    private final KubernetesSpawnerSettings settings;
    private final WorkerPodTemplate template;
    private final String pool;
    private final String namespace;
    private final Clock clock;

    /**
     * Takes over {@code client} (closed by {@link #close}). {@code settings.namespace()} null: the
     * client's namespace (the controller pod's own in a cluster, else the kubeconfig context's).
     *
     * @throws IllegalArgumentException a bad setting, naming its key
     */
    public KubernetesWorkerSpawner(KubernetesClient client, KubernetesSpawnerSettings settings, String pool, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.template = new WorkerPodTemplate(settings, pool);
        this.pool = pool;
        this.namespace = settings.namespace() != null ? settings.namespace() : client.getNamespace();
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("scaling.kubernetes.namespace: not set, and the Kubernetes configuration names no namespace");
        }
    }

    /** With fabric8's default client: in-cluster service account, else {@code ~/.kube/config} (or {@code $KUBECONFIG}). */
    public static KubernetesWorkerSpawner connect(KubernetesSpawnerSettings settings, String pool, Clock clock) {
        return new KubernetesWorkerSpawner(new KubernetesClientBuilder().build(), settings, pool, clock);
    }

    @Override
    public String kind() { return "kubernetes"; }

    public String namespace() { return namespace; }

    @Override
    public void spawn(SpawnRequest request) throws SpawnException {
        if (!pool.equals(request.pool())) throw new IllegalArgumentException("request for pool '" + request.pool() + "' to the spawner of pool '" + pool + "'");
        String id = request.workerId();
        Pod created;
        try {
            created = client.pods().inNamespace(namespace).resource(template.pod(request, namespace)).create();
        } catch (KubernetesClientException e) {
            throw failure("cannot create pod " + id + " in namespace " + namespace, e, request.joinToken());
        }
        try {
            client.secrets().inNamespace(namespace).resource(template.secret(request, created)).create();
        } catch (KubernetesClientException e) {
            deleteQuietly(id); // without its Secret the pod could never start
            throw failure("cannot create Secret " + WorkerPodTemplate.secretName(id) + " for pod " + id + " in namespace " + namespace, e, request.joinToken());
        }
        LOG.info("created worker pod {} in namespace {} (pool {})", id, namespace, pool);
    }

    /** Deletes the pod with {@code grace} (null: {@code deleteGrace}) as its grace period, then its Secret. */
    @Override
    public void terminate(String workerId, Duration grace) throws SpawnException {
        long seconds = (grace != null ? grace : settings.deleteGrace()).toSeconds();
        try {
            Pod pod = client.pods().inNamespace(namespace).withName(workerId).get();
            if (pod == null) return;
            if (!ours(pod)) {
                LOG.warn("not deleting pod {} in namespace {}: it is not a worker of pool {} (labels {})", workerId, namespace, pool, pod.getMetadata().getLabels());
                return;
            }
            client.pods().inNamespace(namespace).withName(workerId).withPropagationPolicy(DeletionPropagation.BACKGROUND).withGracePeriod(seconds).delete();
        } catch (KubernetesClientException e) {
            throw failure("cannot delete pod " + workerId + " in namespace " + namespace, e, null);
        }
        LOG.info("deleted worker pod {} in namespace {} (grace {} s)", workerId, namespace, seconds);
        try {
            client.secrets().inNamespace(namespace).withName(WorkerPodTemplate.secretName(workerId)).delete();
        } catch (KubernetesClientException e) {
            // the garbage collector deletes it with its owner pod anyway
            LOG.warn("Secret {} in namespace {} not deleted ({}); it goes with its pod", WorkerPodTemplate.secretName(workerId), namespace, reason(e));
        }
    }

    @Override
    public List<SpawnedInstance> list() throws SpawnException {
        List<Pod> pods;
        try {
            pods = client.pods().inNamespace(namespace).withLabels(template.selector()).list().getItems();
        } catch (KubernetesClientException e) {
            throw failure("cannot list the worker pods of pool " + pool + " in namespace " + namespace, e, null);
        }
        Instant now = clock.instant();
        return pods.stream().filter(this::ours).map(p -> PodStatusReader.read(p, now))
                .sorted(Comparator.comparing(SpawnedInstance::createdAt).thenComparing(SpawnedInstance::workerId)).toList();
    }

    @Override
    public void close() { client.close(); }

    private boolean ours(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && template.selector().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private void deleteQuietly(String id) {
        try {
            client.pods().inNamespace(namespace).withName(id).withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            LOG.warn("pod {} in namespace {} is left without its Secret; delete it by hand: {}", id, namespace, reason(e));
        }
    }

    /** A user-facing reason: the API's status code and message, with any token masked; the cause is kept only if it holds no token. */
    private static SpawnException failure(String what, KubernetesClientException e, String token) {
        String message = masked(what + ": " + reason(e), token);
        boolean causeClean = token == null || !mentions(e, token);
        return causeClean ? new SpawnException(message, e) : new SpawnException(message);
    }

    /** The API's answer ({@code HTTP 409: pods "w-1" already exists}), or why there was none (connection refused, unknown host). */
    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + e.getStatus().getMessage();
        StringBuilder why = new StringBuilder(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null) why.append(": ").append(c.getMessage());
            else if (c.getClass() != IOException.class) why.append(": ").append(c.getClass().getSimpleName()); // ConnectException
        }
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + why;
    }

    /** {@code text} with every occurrence of {@code token}, as given or as the Secret's base64, replaced by {@code ***}. */
    static String masked(String text, String token) {
        if (token == null || token.isEmpty() || text == null) return text;
        return text.replace(token, "***").replace(WorkerPodTemplate.base64(token), "***");
    }

    private static boolean mentions(Throwable t, String token) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains(token) || m.contains(WorkerPodTemplate.base64(token)))) return true;
        }
        return false;
    }
}
