/**
 * From a request to its ordered candidates: {@link dev.spillway.proxy.routing.RequestParser} reads
 * the request's facts once, {@link dev.spillway.proxy.routing.PolicyMatcher} picks the policy,
 * {@link dev.spillway.proxy.routing.CandidatePlanner} lists the targets able to serve it, and
 * {@link dev.spillway.proxy.routing.RequestShaper} builds each target's upstream body. Pure functions
 * of the config snapshot and the request: no I/O, no health state.
 */
package dev.spillway.proxy.routing;
