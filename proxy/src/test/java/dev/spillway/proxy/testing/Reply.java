package dev.spillway.proxy.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link LoopbackHttpServer} answers to one request: a whole body (JSON or binary), a Server-Sent-Events
 * stream (optionally cut mid-way, without the closing chunk), a body that never ends, or nothing at all (hang).
 */
public final class Reply {
  enum Kind {
    BODY,
    SSE,
    HANG,
    ENDLESS
  }

  final Kind kind;
  final int status;
  final byte[] body;
  final List<String> events;
  final Duration delay;
  final Duration interval;
  final int cutAfter;
  final Map<String, String> headers;

  private Reply(
      Kind kind,
      int status,
      byte[] body,
      List<String> events,
      Duration delay,
      Duration interval,
      int cutAfter,
      Map<String, String> headers) {
    this.kind = kind;
    this.status = status;
    this.body = body;
    this.events = events;
    this.delay = delay;
    this.interval = interval;
    this.cutAfter = cutAfter;
    this.headers = headers;
  }

  /** A JSON body with this status. */
  public static Reply json(int status, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "application/json");
    return new Reply(Kind.BODY, status, body.getBytes(StandardCharsets.UTF_8), List.of(), Duration.ZERO, Duration.ZERO, -1, h);
  }

  /** A binary body (e.g. audio) with this status and content type. */
  public static Reply bytes(int status, String contentType, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", contentType);
    return new Reply(Kind.BODY, status, body.clone(), List.of(), Duration.ZERO, Duration.ZERO, -1, h);
  }

  /**
   * A 200 event stream. Each element is one whole event as it goes on the wire without the final
   * blank line, e.g. {@code "data: {...}"} or {@code "event: message_start\ndata: {...}"}.
   */
  public static Reply sse(List<String> events) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "text/event-stream");
    return new Reply(Kind.SSE, 200, null, List.copyOf(events), Duration.ZERO, Duration.ZERO, -1, h);
  }

  /** Accepts the request and never answers (until the server closes). */
  public static Reply hang() {
    return new Reply(Kind.HANG, 0, null, List.of(), Duration.ZERO, Duration.ZERO, -1, Map.of());
  }

  /**
   * A 200 whose body never ends: {@code filler} written again and again until the proxy closes
   * the connection (an upstream gone wrong, for the bounds on answers).
   */
  public static Reply endless(String contentType, String filler) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", contentType);
    return new Reply(Kind.ENDLESS, 200, filler.getBytes(StandardCharsets.UTF_8), List.of(), Duration.ZERO, Duration.ZERO, -1, h);
  }

  public Reply header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name.toLowerCase(), value);
    return new Reply(kind, status, body, events, delay, interval, cutAfter, h);
  }

  /** Waits this long before the status line. */
  public Reply after(Duration wait) {
    return new Reply(kind, status, body, events, wait, interval, cutAfter, headers);
  }

  /** Waits this long between stream events. */
  public Reply every(Duration gap) {
    return new Reply(kind, status, body, events, delay, gap, cutAfter, headers);
  }

  /**
   * A whole body sent one byte at a time, this long apart (a provider that answers, then drips):
   * the status line and headers come at once.
   */
  public Reply drip(Duration gap) {
    return new Reply(kind, status, body, events, delay, gap, cutAfter, headers);
  }

  /**
   * Drops the connection after this many events of a stream, or this many bytes of a whole body,
   * without ending the response.
   */
  public Reply cutAfter(int eventsSent) {
    return new Reply(kind, status, body, events, delay, interval, eventsSent, headers);
  }
}
