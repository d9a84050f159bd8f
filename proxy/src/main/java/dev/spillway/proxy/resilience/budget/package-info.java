/**
 * Spend and budgets: cost from usage times the target's prices for every response (streams
 * included), per-account budgets per period with alert thresholds and a listener hook, and an
 * action at 100 % (deprioritize or block). Estimates are reserved on admission and settled on
 * completion, so concurrent calls cannot overshoot.
 */
package dev.spillway.proxy.resilience.budget;
