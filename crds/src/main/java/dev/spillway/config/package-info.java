/**
 * The compiled, immutable router configuration: what the proxy runs on.
 *
 * <p>Produced only by {@code dev.spillway.compiler.ConfigCompiler}; serialised as JSON into the
 * proxy's ConfigMap. Every default is already applied and every duration is in milliseconds, so the
 * proxy never interprets a resource itself. Credentials appear only as Secret references.
 */
package dev.spillway.config;
