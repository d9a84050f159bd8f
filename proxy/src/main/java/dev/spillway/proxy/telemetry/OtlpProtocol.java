package dev.spillway.proxy.telemetry;

import java.util.Locale;

/** How spans are sent to the OTLP endpoint: the values of {@code OTEL_EXPORTER_OTLP_PROTOCOL} the proxy speaks. */
public enum OtlpProtocol {
  HTTP_PROTOBUF("http/protobuf"),
  GRPC("grpc");

  private final String wireName;

  OtlpProtocol(String wireName) {
    this.wireName = wireName;
  }

  /** The name flags, environment and the Router resource use, e.g. {@code http/protobuf}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The protocol named {@code name} (any case); {@link #HTTP_PROTOBUF} when null or blank.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static OtlpProtocol parse(String name) {
    if (name == null || name.isBlank()) {
      return HTTP_PROTOBUF;
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (OtlpProtocol protocol : values()) {
      if (protocol.wireName.equals(lower)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException("OTLP protocol '" + name + "': must be http/protobuf or grpc");
  }
}
