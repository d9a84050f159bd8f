/**
 * Compiled EvalSets and ModelRollouts: what the eval runner, the offline gate and the proxies'
 * rollout arms run on. Produced only by {@code dev.spillway.compiler.RolloutCompiler}, with every
 * default applied and durations in milliseconds; serialisable as JSON (the operator sends them to
 * the proxies' admin endpoint).
 */
package dev.spillway.config.rollout;
