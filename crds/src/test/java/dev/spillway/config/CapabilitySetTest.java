package dev.spillway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.Endpoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitySetTest {
  @Test
  void endpointsAreWrittenInDeclarationOrderSoTheConfigVersionIsStable() throws Exception {
    CapabilitySet caps = CapabilitySet.DEFAULTS.serving(
        new java.util.LinkedHashSet<>(List.of(Endpoint.VIDEO, Endpoint.SPEECH, Endpoint.CHAT)));

    assertThat(new ObjectMapper().writeValueAsString(caps)).contains("\"endpoints\":[\"chat\",\"speech\",\"video\"]");
    assertThat(caps.endpoints()).isEqualTo(Set.of(Endpoint.CHAT, Endpoint.SPEECH, Endpoint.VIDEO));
  }

  @Test
  void aConfigFromBeforeEndpointsServesEveryOne() {
    assertThat(new CapabilitySet(true, false, false, false, false, 8192, true, null).endpoints())
        .containsExactly(Endpoint.values());
  }
}
