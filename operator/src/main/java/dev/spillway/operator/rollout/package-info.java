/**
 * The ModelRollout controller: drives a rollout through its phases (Evaluating, then Rejected or
 * Shadowing / Canary steps, then Promoted or RolledBack), with the evals run by a proxy replica
 * (where the credentials are) and rollbacks decided by the replicas themselves; writes status,
 * conditions and Events. The Router controller publishes each phase's config through
 * {@link dev.spillway.operator.rollout.NamespaceRollouts#staged}.
 */
package dev.spillway.operator.rollout;
