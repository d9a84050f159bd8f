/**
 * Offline commands of the proxy jar: {@code validate} (compile resource YAML exactly as the operator
 * would and report every problem, for CI and GitOps pull requests) and {@code explain-route} (which
 * policy and which candidates a request would get, without sending it).
 */
package dev.spillway.proxy.cli;
