/**
 * The wire messages shared by controller, worker and client: records with a JSON form and
 * explicit type names, so renaming a Java class never changes the wire. No I/O here.
 */
package io.ado.protocol;
