package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.ExporterBuilderUtil;
import io.opentelemetry.exporter.internal.http.HttpExporter;
import io.opentelemetry.exporter.internal.http.HttpExporterBuilder;
import io.opentelemetry.exporter.otlp.internal.OtlpUserAgent;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.internal.StandardComponentId;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP (protobuf) export of the proxy's spans: each span is encoded when it ends, on the thread
 * that ended it, while its data is in that core's cache, and queued as bytes ({@link SpanQueue});
 * one thread ({@code spillway-trace-export}) sends the queued requests through the SDK's own HTTP
 * exporter — the one {@code OtlpHttpSpanExporter} wraps, with its OkHttp sender, timeouts, retry
 * policy and User-Agent — so only the encoding and the queue differ from the SDK's batch processor
 * and exporter. That exporter is in the SDK's {@code internal} packages (the public builder accepts
 * spans, not bytes); the SDK version is pinned in the root pom and this class's tests fail to
 * compile or pass if an upgrade changes it.
 *
 * <p>A request is sent when the queue seals it (full) or {@code delay} after the last export, and
 * from the queue's buffer (no copy); the buffer is reused once that export is done. The thread waits
 * for each export, at most {@link #EXPORT_WAIT}; an export still running then keeps its buffer and
 * the next request gets another ({@code RequestInFlightTest}). Every span is counted: kept = exported + failed + dropped (+ still
 * queued).
 */
public final class HttpSpanExport implements SpanProcessor {
  /** How long the export thread waits for one export before it moves on (the SDK batch processor's default). */
  static final Duration EXPORT_WAIT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(HttpSpanExport.class);

  private final HttpExporter<EncodedRequest> http;
  private final SpanQueue queue;
  private final RequestFrame frame;
  private final long delayNanos;
  private final Duration exportWait;
  private final ThreadLocal<TraceRequestEncoder> encoders = ThreadLocal.withInitial(TraceRequestEncoder::forSpans);
  private final ConcurrentLinkedQueue<CompletableResultCode> flushes = new ConcurrentLinkedQueue<>();
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder outlasted = new LongAdder();
  private final Thread thread;
  private volatile boolean stopping;

  /** @param exportWait how long the export thread waits for one export before it moves on */
  HttpSpanExport(HttpExporter<EncodedRequest> http, SpanQueue queue, RequestFrame frame, Duration delay,
      Duration exportWait) {
    this.http = http;
    this.queue = queue;
    this.frame = frame;
    this.delayNanos = delay.toNanos();
    this.exportWait = exportWait;
    this.thread = new Thread(this::run, "spillway-trace-export");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Exports to {@code tracesUrl}, the full URL ({@code .../v1/traces}), the spans of
   * {@code resource} and {@code scope} (the proxy's: every span it records has them).
   *
   * @param requestSpans at most this many spans a request, and at most {@code requestBytes} bytes
   *     (a span larger than that goes alone)
   * @param queueSpans at most this many spans wait, and at most {@code queueBytes} bytes; beyond, a
   *     span is dropped and counted
   * @param delay a request is sent at least this often while spans wait
   * @throws IllegalArgumentException naming the URL if it is not an http(s) URL (the SDK's check)
   */
  public static HttpSpanExport to(String tracesUrl, Resource resource, InstrumentationScopeInfo scope,
      int requestSpans, int requestBytes, int queueSpans, long queueBytes, Duration delay) {
    return new HttpSpanExport(sender(tracesUrl), new SpanQueue(requestSpans, requestBytes, queueSpans, queueBytes),
        TraceRequestEncoder.forSpans().frame(resource, scope), delay, EXPORT_WAIT);
  }

  /** The SDK's HTTP exporter posting to {@code tracesUrl}, as {@code OtlpHttpSpanExporter} builds it. */
  static HttpExporter<EncodedRequest> sender(String tracesUrl) {
    ExporterBuilderUtil.validateEndpoint(tracesUrl);
    HttpExporterBuilder<EncodedRequest> builder =
        new HttpExporterBuilder<>(StandardComponentId.ExporterType.OTLP_HTTP_SPAN_EXPORTER, tracesUrl);
    OtlpUserAgent.addUserAgentHeader(builder::addConstantHeaders);
    return builder.build();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  /** Encodes the span on this thread and queues its bytes; drops and counts it if the queue is full. */
  @Override
  public void onEnd(ReadableSpan span) {
    queue.add(encoders.get().spanField(span.toSpanData()), TraceRoots.startsTraceHere(span));
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** Spans handed to this export. */
  public long kept() {
    return queue.kept();
  }

  /** Traces among them: spans with no parent or a remote one. */
  public long traces() {
    return queue.traces();
  }

  /** Spans the endpoint accepted. */
  public long exported() {
    return exported.sum();
  }

  /** Spans whose export failed (after the exporter's retries). */
  public long failed() {
    return failed.sum();
  }

  /** Spans dropped because the queue was full. */
  public long dropped() {
    return queue.dropped();
  }

  /** Exports the thread stopped waiting for (each left with its own buffer, logged). */
  long outlastedWaits() {
    return outlasted.sum();
  }

  /** Completes once every span queued before it has been sent (and its export has completed). */
  @Override
  public CompletableResultCode forceFlush() {
    CompletableResultCode flushed = new CompletableResultCode();
    flushes.add(flushed);
    queue.flush();
    return flushed;
  }

  /** Sends what is queued, stops the export thread and the HTTP sender. */
  @Override
  public CompletableResultCode shutdown() {
    stopping = true;
    CompletableResultCode done = new CompletableResultCode();
    forceFlush().whenComplete(() -> http.shutdown().whenComplete(done::succeed));
    return done;
  }

  private void run() {
    long deadline = System.nanoTime() + delayNanos;
    try {
      while (true) {
        // A null from the queue means nothing was waiting then: the flushes asked for before are done.
        List<CompletableResultCode> asked = new ArrayList<>(0);
        for (CompletableResultCode flush; (flush = flushes.poll()) != null; ) {
          asked.add(flush);
        }
        SpanQueue.Request request = queue.next(deadline);
        if (request != null) {
          send(request);
          flushes.addAll(asked);
        } else {
          asked.forEach(CompletableResultCode::succeed);
          if (stopping && flushes.isEmpty()) {
            return;
          }
          if (!flushes.isEmpty()) {
            queue.flush(); // asked for while the last flush was ending
          }
        }
        if (request != null || System.nanoTime() - deadline >= 0) {
          deadline = System.nanoTime() + delayNanos;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(SpanQueue.Request request) {
    int spans = request.count;
    CompletableResultCode result = http.export(frame.around(request.spans), spans);
    result.whenComplete(() -> (result.isSuccess() ? exported : failed).add(spans));
    result.join(exportWait.toNanos(), TimeUnit.NANOSECONDS);
    if (result.isDone()) {
      queue.recycle(request);
    } else {
      outlasted.increment();
      LOG.warn("an OTLP export of {} spans is still running after {} s; sending the next request beside it",
          spans, exportWait.toSeconds());
    }
  }
}
