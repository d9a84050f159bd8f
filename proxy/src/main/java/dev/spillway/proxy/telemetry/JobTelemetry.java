package dev.spillway.proxy.telemetry;

/**
 * The telemetry of a long-running job (video generation): one trace from its submission to its
 * end, however many targets it went through. The job's span is a child of the submitting request's
 * server span; its attempts, skips and outcome are reported like any call's, and the job counts
 * in metrics and the access log once it ends.
 */
public final class JobTelemetry {
  private final RequestTelemetry call;

  JobTelemetry(RequestTelemetry call) {
    this.call = call;
  }

  /** What the job's candidate cursor reports to. */
  public CallObserver observer() {
    return call;
  }

  /** The job's trace id, or null when tracing is off. */
  public String traceId() {
    return call.traceId();
  }

  /** The job ended; {@code status} is the HTTP status its outcome maps to (200 when completed). */
  public void finish(int status) {
    call.finish(status, System.nanoTime());
  }
}
