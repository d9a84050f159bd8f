/**
 * The router's own live page on the admin port: a feed of what the router decides and what changes
 * (failovers, recoveries, circuits, hedges won, drift, health checks, config reloads), fed from the
 * records the proxy already keeps (finished calls, the transition log) by a non-blocking hand-over,
 * streamed to each viewer through a bounded buffer that drops for a slow viewer, and a panel
 * snapshot per logical model. Read-only: nothing here changes routing.
 */
package dev.spillway.proxy.live;
