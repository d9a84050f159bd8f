/**
 * Strict validation of request bodies in the OpenAI error shape, before any upstream is paid:
 * declarative {@link dev.spillway.proxy.validation.Constraint}s per parameter, a reusable {@link
 * dev.spillway.proxy.validation.RequestValidator}, and the rule sets of the endpoints ({@link
 * dev.spillway.proxy.validation.ChatRules}). Parameters a rule set does not name pass through.
 */
package dev.spillway.proxy.validation;
