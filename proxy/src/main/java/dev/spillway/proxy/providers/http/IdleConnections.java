package dev.spillway.proxy.providers.http;

import io.undertow.client.ClientConnection;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;

/**
 * Kept-alive connections of one IO thread, per origin. Only that thread touches it, so no locks.
 * Last in, first out: the warmest connection serves next and a surplus ages out.
 */
final class IdleConnections {
  /** Longer than this unused and a connection is closed rather than reused: the peer or a NAT may have dropped it. */
  static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private record Idle(ClientConnection connection, long since) {}

  private final int maxPerOrigin;
  private final Map<String, ArrayDeque<Idle>> byOrigin = new HashMap<>();

  IdleConnections(int maxPerOrigin) {
    this.maxPerOrigin = maxPerOrigin;
  }

  /** An open, recently used connection to {@code origin}, or null. */
  ClientConnection take(String origin, long now) {
    ArrayDeque<Idle> idle = byOrigin.get(origin);
    if (idle == null) {
      return null;
    }
    for (Idle oldest = idle.peekLast(); oldest != null && now - oldest.since() > MAX_IDLE_NANOS; oldest = idle.peekLast()) {
      IoUtils.safeClose(idle.pollLast().connection());
    }
    for (Idle next = idle.pollFirst(); next != null; next = idle.pollFirst()) {
      if (next.connection().isOpen()) {
        return next.connection();
      }
    }
    return null;
  }

  /** Keeps a connection whose exchange is complete; closes it when it cannot serve again or there are enough. */
  void offer(String origin, ClientConnection connection, long now) {
    if (!connection.isOpen()) {
      return;
    }
    ArrayDeque<Idle> idle = byOrigin.computeIfAbsent(origin, o -> new ArrayDeque<>());
    if (idle.size() >= maxPerOrigin) {
      IoUtils.safeClose(connection);
      return;
    }
    idle.addFirst(new Idle(connection, now));
  }

  /** Forgets a connection the peer closed while it was idle. */
  void closed(String origin, ClientConnection connection) {
    ArrayDeque<Idle> idle = byOrigin.get(origin);
    if (idle != null) {
      idle.removeIf(i -> i.connection() == connection);
    }
  }
}
