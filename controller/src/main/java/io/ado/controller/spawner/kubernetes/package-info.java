/**
 * The Kubernetes spawner: worker pods through the fabric8 client. {@link
 * io.ado.controller.spawner.kubernetes.WorkerPodTemplate} builds a pod and its join-token Secret from
 * {@code scaling.kubernetes}, {@link io.ado.controller.spawner.kubernetes.PodStatusReader} reads a pod's
 * status as a phase with a reason (both pure), and {@link
 * io.ado.controller.spawner.kubernetes.KubernetesWorkerSpawner} makes the API calls. The manifests
 * that run it, with the Role granting exactly those calls, are in {@code deploy/kubernetes/}.
 */
package io.ado.controller.spawner.kubernetes;
