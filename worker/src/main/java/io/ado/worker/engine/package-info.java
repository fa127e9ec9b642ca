/**
 * A small client of the Docker Engine API, which Docker and Podman's Docker-compatible service
 * ({@code podman system service}) both serve: HTTP/1.1 over the JDK's unix-domain socket channel
 * (or TCP), one request per connection, JSON through the wire mapper. Knows nothing of tasks:
 * the worker's container runtime is built on it.
 */
package io.ado.worker.engine;
