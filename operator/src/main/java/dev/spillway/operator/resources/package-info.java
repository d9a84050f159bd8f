/**
 * One controller per Spillway resource kind (LogicalModel, ProviderAccount, RoutingPolicy), the only
 * writer of that kind's status: validated on its own whether or not a Router serves its namespace,
 * then Programmed and live numbers from the pass of the Router that serves it.
 */
package dev.spillway.operator.resources;
