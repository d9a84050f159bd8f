/**
 * What HTTP adapters share: transport-neutral requests and answers ({@link
 * dev.spillway.proxy.providers.http.UpstreamRequest}, {@link
 * dev.spillway.proxy.providers.http.UpstreamResponse}), JSON calls and Server-Sent-Events streams
 * mapped to {@link dev.spillway.proxy.providers.ProviderFailure}s, over one of two transports:
 *
 * <ul>
 *   <li>{@link dev.spillway.proxy.providers.http.EventLoopClient}: cleartext HTTP/1.1 with
 *       Undertow's client on the server's own IO threads, kept-alive connections per IO thread.
 *       Self-hosted and in-cluster upstreams, where the proxy's own cost shows.
 *   <li>the JDK {@link java.net.http.HttpClient}: TLS and HTTP/2 for the hosted providers (and
 *       any adapter built outside a server).
 * </ul>
 */
package dev.spillway.proxy.providers.http;
