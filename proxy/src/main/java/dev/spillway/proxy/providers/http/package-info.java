/**
 * What HTTP adapters share: one JDK {@link java.net.http.HttpClient} per account, JSON calls and
 * Server-Sent-Events streams mapped to {@link dev.spillway.proxy.providers.ProviderFailure}s.
 *
 * <p>The JDK client is used because it is non-blocking, pools connections, speaks HTTP/1.1 and
 * HTTP/2, and streams bodies with back-pressure, with no extra dependency.
 */
package dev.spillway.proxy.providers.http;
