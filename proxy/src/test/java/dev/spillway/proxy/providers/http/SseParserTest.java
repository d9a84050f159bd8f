package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private final List<String> events = new ArrayList<>();
  private final SseParser parser = new SseParser(1 << 20, (event, data) -> events.add(event + "|" + data));

  @Test
  void dispatchesOnBlankLineJoiningDataLinesAndSkippingComments() {
    for (String line :
        List.of(": ping", "event: message_start", "data: {\"a\":1}", "", "data:x", "data: y", "")) {
      parser.line(line);
    }
    assertThat(events).containsExactly("message_start|{\"a\":1}", "null|x\ny");
  }

  @Test
  void flushesAPendingEventAtTheEnd() {
    parser.line("data: [DONE]");
    parser.end();
    assertThat(events).containsExactly("null|[DONE]");
  }

  @Test
  void ignoresBlankLinesWithoutData() {
    parser.line("");
    parser.line("event: ping");
    parser.line("");
    assertThat(events).isEmpty();
  }
}
