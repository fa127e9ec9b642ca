/**
 * The seed's static API: {@link io.ado.cluster.facade.Cluster} runs one default node per JVM
 * and, as the seed does, lets it accept remote spawns for the global {@code BehaviorRegistry}.
 * It is the top layer, since it needs both {@code node} and {@code supervisor}.
 */
package io.ado.cluster.facade;
