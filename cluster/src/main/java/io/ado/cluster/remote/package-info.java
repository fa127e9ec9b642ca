/**
 * Processes talking across nodes: {@link RemoteMessaging} routes call, cast, send and monitor
 * for refs on other nodes over a {@link io.ado.cluster.transport.Link}, and serves the ones that
 * arrive; {@link MessageTypes} is the allow-list of message classes that may cross the wire.
 */
package io.ado.cluster.remote;
