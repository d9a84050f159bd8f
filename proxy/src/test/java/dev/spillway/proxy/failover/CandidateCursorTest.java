package dev.spillway.proxy.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The bodies the cursor hands to each attempt: shaped per target, the client's request untouched. */
class CandidateCursorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ProviderAdapter UNUSED = new ProviderAdapter() {
    @Override
    public CompletableFuture<Completion> complete(ProviderCall call) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Cancellable stream(ProviderCall call, StreamListener listener) {
      throw new UnsupportedOperationException();
    }
  };

  private static CandidateCursor cursor(ObjectNode request, boolean stream) {
    RouterConfig config = ConfigBuilder.create()
        .account("one", "http://unused")
        .account("two", "http://unused")
        .model("chat", m -> m.target("one", "m1").target("two", "m2"))
        .build();
    RequestFacts facts = new RequestFacts("chat", stream, null, null, null, false, false, false, false, 1, Map.of());
    return new CandidateCursor(
        CandidatePlanner.plan(config, config.defaultPolicy(), facts),
        new Snapshot(config, Map.of("one", UNUSED, "two", UNUSED)),
        request, "chat", new HealthMarks(Clock.systemUTC()), ref -> Optional.empty());
  }

  @Test
  void streamsAskForUsageWithoutChangingWhatTheClientAskedFor() throws Exception {
    ObjectNode request = (ObjectNode) MAPPER.readTree(
        "{\"model\":\"chat\",\"stream\":true,\"stream_options\":{\"include_usage\":false},\"messages\":[]}");
    CandidateCursor cursor = cursor(request, true);

    ObjectNode first = cursor.next().orElseThrow().call().request();
    ObjectNode second = cursor.next().orElseThrow().call().request();

    assertThat(first.at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(second.at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(request.at("/stream_options/include_usage").asBoolean()).isFalse();
    assertThat(cursor.clientWantsUsage()).isFalse();
  }

  @Test
  void eachAttemptNamesItsTargetModelAndTheClientsBodyKeepsTheLogicalOne() throws Exception {
    ObjectNode request = (ObjectNode) MAPPER.readTree(
        "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    CandidateCursor cursor = cursor(request, false);

    ObjectNode first = cursor.next().orElseThrow().call().request();
    ObjectNode second = cursor.next().orElseThrow().call().request();

    assertThat(first.get("model").asText()).isEqualTo("m1");
    assertThat(second.get("model").asText()).isEqualTo("m2");
    assertThat(request.get("model").asText()).isEqualTo("chat");
    assertThat(first.get("messages")).isEqualTo(request.get("messages"));
    assertThat(first.has("stream_options")).isFalse();
  }
}
