package dev.spillway.bench.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The streamed text must read as prose to Spillway's repetition check, or long streams fail over as loops. */
class SlowStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theOpeningChunkCarriesEightWords() throws Exception {
    assertThat(text(1).trim().split(" ")).hasSize(8);
  }

  @Test
  void aLongStreamHasNoRepeatedWordTrigramAndNoWordRun() throws Exception {
    List<String> words = new ArrayList<>();
    for (int sent = 1; sent <= 400; sent++) {
      words.addAll(List.of(text(sent).trim().split(" ")));
    }
    Set<String> trigrams = new HashSet<>();
    for (int i = 0; i + 2 < words.size(); i++) {
      assertThat(trigrams.add(words.get(i) + " " + words.get(i + 1) + " " + words.get(i + 2)))
          .as("trigram at word %d", i).isTrue();
      assertThat(words.get(i)).isNotEqualTo(words.get(i + 1));
    }
  }

  private static String text(int sent) throws Exception {
    String event = new String(SlowStream.content(sent), StandardCharsets.UTF_8);
    assertThat(event).startsWith("data: ").endsWith("\n\n");
    return JSON.readTree(event.substring("data: ".length()).trim())
        .path("choices").path(0).path("delta").path("content").asText();
  }
}
