package dev.spillway.proxy.providers.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Host names to addresses without blocking an IO thread: Undertow's client resolves the URI's host
 * where it connects, which on an IO thread would stall every connection of that thread for as long
 * as DNS takes (seconds when it is down). Lookups run on a blocking pool; answers are kept for 30 s
 * (the JDK's own positive cache time) and a stale answer keeps serving while it is refreshed.
 */
final class HostResolver {
  static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private record Resolved(String address, long at) {}

  private final Executor blocking;
  private final Map<String, Resolved> cache = new ConcurrentHashMap<>();
  private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();

  HostResolver(Executor blocking) {
    this.blocking = blocking;
  }

  /**
   * Calls {@code then} with a literal address for {@code host} (at once when known; else on the
   * blocking pool), or {@code failed} when the name does not resolve.
   */
  void resolve(String host, Consumer<String> then, Consumer<UnknownHostException> failed) {
    if (isLiteral(host)) {
      then.accept(host);
      return;
    }
    Resolved known = cache.get(host);
    long now = System.nanoTime();
    if (known != null) {
      if (now - known.at() > TTL_NANOS && refreshing.putIfAbsent(host, Boolean.TRUE) == null) {
        blocking.execute(() -> {
          try {
            lookup(host);
          } catch (UnknownHostException stillKnownBefore) {
            // keep serving the last answer; a dead address shows as connect failures
          } finally {
            refreshing.remove(host);
          }
        });
      }
      then.accept(known.address());
      return;
    }
    blocking.execute(() -> {
      String address;
      try {
        address = lookup(host);
      } catch (UnknownHostException e) {
        failed.accept(e);
        return;
      }
      then.accept(address);
    });
  }

  private String lookup(String host) throws UnknownHostException {
    String address = InetAddress.getByName(host).getHostAddress();
    String literal = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    cache.put(host, new Resolved(literal, System.nanoTime()));
    return literal;
  }

  /** An IPv4 literal, or an IPv6 literal as URIs write it (in brackets). */
  static boolean isLiteral(String host) {
    if (host.startsWith("[")) {
      return true;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if ((c < '0' || c > '9') && c != '.') {
        return false;
      }
    }
    return !host.isEmpty();
  }
}
