/**
 * How nodes reach each other: the {@link Transport} interface, framed TCP with an HMAC-proved
 * handshake and HMAC-SHA256 on every frame ({@link TcpTransport}), an in-memory network that
 * tests partition ({@link InMemoryTransport}), the JSON wire messages and the duplicate-link
 * tie-break. Knows node ids, not membership.
 */
package io.ado.cluster.transport;
