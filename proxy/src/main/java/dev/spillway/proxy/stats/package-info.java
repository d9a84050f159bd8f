/**
 * Live counters of one proxy replica, served at {@code GET /v1/spillway/stats} for the operator to
 * scrape and aggregate into resource status. Counters only grow (since the process started), so the
 * operator can sum replicas and compute rates without this replica keeping windows.
 */
package dev.spillway.proxy.stats;
