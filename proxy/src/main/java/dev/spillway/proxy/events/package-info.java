/**
 * The replica's transition log: a bounded, ordered, in-memory record of what changed (circuits,
 * budget thresholds, drift alarms, failed health checks), read with a cursor by the operator (GET
 * /v1/spillway/transitions) and pushed to subscribers (live pages), never blocking the call path.
 */
package dev.spillway.proxy.events;
