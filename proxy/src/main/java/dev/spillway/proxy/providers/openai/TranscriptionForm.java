package dev.spillway.proxy.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.http.MultipartBody;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A transcription upload rebuilt for an OpenAI-compatible server: the client's multipart form is
 * carried through routing as JSON (each text field by name; the audio as base64 {@code file} with
 * {@code filename} and {@code file_content_type}), and goes upstream as multipart again, the
 * model being the target's.
 */
final class TranscriptionForm {
  /** The carried fields that describe the file rather than being form fields of their own. */
  private static final Set<String> FILE_FIELDS = Set.of("file", "filename", "file_content_type");

  private TranscriptionForm() {}

  /**
   * @param withModel whether the model goes in the form (Azure names the deployment in the path)
   */
  static MultipartBody of(JsonNode carried, boolean withModel) {
    byte[] audio;
    try {
      audio = Base64.getDecoder().decode(carried.path("file").asText());
    } catch (IllegalArgumentException e) {
      // The proxy encoded it itself: anything else is a bug here, not the client's doing.
      throw ProviderFailure.protocol("the carried transcription file is not base64");
    }
    MultipartBody form = new MultipartBody();
    for (Map.Entry<String, JsonNode> field : carried.properties()) {
      String name = field.getKey();
      if (FILE_FIELDS.contains(name) || (!withModel && name.equals("model")) || !field.getValue().isValueNode()) {
        continue;
      }
      form.field(name, field.getValue().asText());
    }
    return form.file("file", carried.path("filename").asText("audio"),
        carried.path("file_content_type").asText("application/octet-stream"), audio);
  }
}
