package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TelemetrySpec {
  @JsonPropertyDescription("OTLP endpoint for traces, e.g. http://otel-collector:4318. Unset disables export.")
  public String otlpEndpoint;

  @JsonPropertyDescription("OTLP protocol: http/protobuf or grpc (default http/protobuf).")
  @Pattern("^(http/protobuf|grpc)$")
  public String otlpProtocol;

  @JsonPropertyDescription(
      "Fraction of calls traced, 0 to 1 (default 1). Errors and failovers are always kept.")
  @Min(0)
  @Max(1)
  public Double samplingRatio;

  @JsonPropertyDescription("Record message content in spans and access logs (default false).")
  public Boolean captureContent;

  @JsonPropertyDescription("Write one JSON access-log line per call (default true).")
  public Boolean accessLog;

  @JsonPropertyDescription("Where a trace is viewed, {traceId} standing for its id, e.g."
      + " http://jaeger:16686/trace/{traceId}: the live page links each log line there. Unset: the bare id.")
  @Pattern("^https?://.*\\{traceId\\}.*$")
  public String traceUrlTemplate;
}
