/**
 * Hedging: when the chosen target has not answered (headers, or the first token of a stream)
 * within the hedge delay, the same request goes to the next candidate and the first good answer
 * wins; a budget caps the extra load. The call drivers ({@code PlainCall}) do the racing.
 */
package dev.spillway.proxy.resilience.hedging;
