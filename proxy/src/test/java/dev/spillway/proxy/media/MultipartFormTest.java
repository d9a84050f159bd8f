package dev.spillway.proxy.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MultipartFormTest {
  private static final String TYPE = "multipart/form-data; boundary=XyZ";

  @Test
  void fieldsAndTheFileBecomeJson() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n"
        + "RIFF\u0001\u0002\r\n--XyZ--\r\n";

    ObjectNode form = MultipartForm.parse(TYPE, body.getBytes(StandardCharsets.ISO_8859_1));

    assertThat(form.path("model").asText()).isEqualTo("whisper");
    assertThat(form.path("filename").asText()).isEqualTo("a.wav");
    assertThat(form.path("file_content_type").asText()).isEqualTo("audio/wav");
    assertThat(Base64.getDecoder().decode(form.path("file").asText())).containsExactly('R', 'I', 'F', 'F', 1, 2);
  }

  @Test
  void aBodyThatIsNotMultipartIsA400() {
    ApiError error = catchThrowableOfType(ApiError.class, () -> MultipartForm.parse("application/json", "{}".getBytes()));
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.getMessage()).contains("multipart/form-data");
    ApiError cut = catchThrowableOfType(ApiError.class,
        () -> MultipartForm.parse(TYPE, "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nw".getBytes()));
    assertThat(cut.getMessage()).contains("closing boundary");
  }
}
