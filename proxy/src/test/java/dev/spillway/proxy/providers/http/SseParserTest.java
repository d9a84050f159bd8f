package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.proxy.providers.ProviderFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private final List<String> events = new ArrayList<>();
  private final List<byte[]> data = new ArrayList<>();
  private final SseParser parser = new SseParser(1 << 20, (event, bytes) -> {
    data.add(bytes);
    events.add(event + "|" + new String(bytes, StandardCharsets.UTF_8));
  });

  @Test
  void dispatchesOnBlankLineJoiningDataLinesAndSkippingComments() {
    lines(parser, ": ping", "event: message_start", "data: {\"a\":1}", "", "data:x", "data: y", "");
    assertThat(events).containsExactly("message_start|{\"a\":1}", "null|x\ny");
  }

  @Test
  void flushesAPendingEventAtTheEnd() {
    lines(parser, "data: [DONE]");
    parser.end();
    assertThat(events).containsExactly("null|[DONE]");
  }

  @Test
  void ignoresBlankLinesWithoutData() {
    lines(parser, "", "event: ping", "");
    assertThat(events).isEmpty();
  }

  @Test
  void readsTheLineWhereItSitsInTheArrayAndHandsOnItsOwnCopyOfTheBytes() {
    // A line is a slice of a bigger array the splitter reuses: nothing outside it is read, and the
    // event's bytes are the handler's to keep (the relay holds them as the chunk for the client).
    byte[] read = "xxdata: {\"é\":1}yy".getBytes(StandardCharsets.UTF_8);
    parser.line(read, 2, read.length - 2);
    java.util.Arrays.fill(read, (byte) 'z');
    parser.line(read, 0, 0);

    assertThat(events).containsExactly("null|{\"é\":1}");
    assertThat(data.get(0)).isEqualTo("{\"é\":1}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void otherFieldsAndALineWithoutAColonAreReadAsTheSpecificationSays() {
    // "data" alone is a data line with an empty value; "id", "retry" and unknown fields are not data;
    // a field is compared whole ("database:" is not "data").
    lines(parser, "id: 7", "retry: 10", "database: no", "data", "data: a", "");
    assertThat(events).containsExactly("null|\na");
  }

  @Test
  void anEventOverItsLimitFailsAsOversizedNamingTheLimitInBytes() {
    SseParser small = new SseParser(8, (event, bytes) -> events.add("too big"));
    lines(small, "data: 1234");
    // "1234", then "\n" + "ab" makes 7 bytes; "\n" + "cd" would make 10.
    lines(small, "data: ab");
    assertThatThrownBy(() -> lines(small, "data: cd"))
        .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
          assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OVERSIZED);
          assertThat(failure.summary()).isEqualTo("upstream stream event over 8 bytes");
        });
    assertThat(events).isEmpty();
  }

  private static void lines(SseParser parser, String... lines) {
    for (String line : lines) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      parser.line(bytes, 0, bytes.length);
    }
  }
}
