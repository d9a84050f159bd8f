package dev.spillway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {
  @Test
  void namesLowerCaseFirstValueOfEach() {
    HeaderMap headers = new HeaderMap();
    headers.add(HttpString.tryFromString("X-Spillway-Step"), "plan");
    headers.add(HttpString.tryFromString("Accept"), "application/json");
    headers.add(HttpString.tryFromString("accept"), "text/plain"); // same name to Undertow: a second value
    headers.add(HttpString.tryFromString("Content-Length"), "12");

    Map<String, String> read = RequestHeaders.of(headers);

    assertThat(read).containsExactlyInAnyOrderEntriesOf(Map.of(
        "x-spillway-step", "plan", "accept", "application/json", "content-length", "12"));
  }

  @Test
  void theMapIsImmutableSoFactsKeepItWithoutACopy() {
    HeaderMap headers = new HeaderMap();
    headers.add(HttpString.tryFromString("Host"), "example");

    Map<String, String> read = RequestHeaders.of(headers);

    assertThatThrownBy(() -> read.put("host", "other")).isInstanceOf(UnsupportedOperationException.class);
    // Map.copyOf hands an immutable map back as it is: RequestFacts copies nothing.
    assertThat(Map.copyOf(read)).isSameAs(read);
  }

  @Test
  void namesThatDifferInNonAsciiCaseOnlyKeepTheLaterValue() {
    HeaderMap headers = new HeaderMap();
    headers.add(HttpString.tryFromString("X-\u00C4"), "first");
    headers.add(HttpString.tryFromString("x-\u00E4"), "second");
    headers.add(HttpString.tryFromString("Host"), "example");

    assertThat(headers.getHeaderNames()).hasSize(3); // Undertow folds ASCII case only
    assertThat(RequestHeaders.of(headers)).containsExactlyInAnyOrderEntriesOf(Map.of("x-\u00E4", "second", "host", "example"));
  }

  @Test
  void noHeadersReadAsAnEmptyMap() {
    assertThat(RequestHeaders.of(new HeaderMap())).isEmpty();
  }
}
