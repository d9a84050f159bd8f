package dev.spillway.proxy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTokensTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]} | false",
    "{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}                  | false",
    "{\"choices\":[],\"usage\":{\"total_tokens\":3}}                        | false",
    "{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}                       | true",
    "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0}]}}]}           | true",
    "{\"choices\":[{\"delta\":{\"refusal\":\"no\"}}]}                       | true"
  })
  void realOutputIsContent(String chunk, boolean content) throws Exception {
    assertThat(ContentTokens.carriesContent(MAPPER.readTree(chunk))).isEqualTo(content);
  }
}
