package dev.spillway.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OtlpProtocolTest {
  @Test
  void theNamesOfTheOtlpEnvironmentVariableAreRead() {
    assertThat(OtlpProtocol.parse("http/protobuf")).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
    assertThat(OtlpProtocol.parse(" GRPC ")).isEqualTo(OtlpProtocol.GRPC);
    assertThat(OtlpProtocol.GRPC.wireName()).isEqualTo("grpc");
  }

  @Test
  void unsetMeansHttpProtobuf() {
    assertThat(OtlpProtocol.parse(null)).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
    assertThat(OtlpProtocol.parse("")).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
    assertThat(new TelemetryOptions(null, null, 1.0, false, true).otlpProtocol()).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
  }

  @Test
  void anotherValueIsRefusedByName() {
    assertThatThrownBy(() -> OtlpProtocol.parse("http/json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OTLP protocol 'http/json': must be http/protobuf or grpc");
  }
}
