package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON string that stays as the bytes it came in until something reads its text: the text of a
 * long message is decoded only by the code that needs it (another provider's translation, a script
 * check, content capture), not by every call. It is a string to everything that reads the tree
 * ({@code isTextual()}, {@code textValue()}, {@code asText()}, serialisation); what the call path
 * needs without the text, the length in UTF-16 units for the token estimate, was counted from the
 * bytes when the parser skipped them ({@link #length(JsonNode)}).
 *
 * <p>Not a {@code TextNode}: that class holds a decoded {@code String} from its constructor on.
 * The bytes were checked by the parser that skipped over them (escapes, UTF-8), so decoding later
 * cannot fail on them.
 */
public final class LongText extends ValueNode {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory FACTORY = new JsonFactory();
  private final transient byte[] bytes;
  /** The string's content between its quotes, still escaped: {@code [start, end)} of {@code bytes}. */
  private final int start;
  private final int end;
  private final int units;
  private transient String text;

  LongText(byte[] bytes, int start, int end, int units) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.units = units;
  }

  /**
   * The length of a textual node's text in UTF-16 units, {@code asText().length()}, without
   * decoding a {@code LongText}.
   */
  public static int length(JsonNode textual) {
    return textual instanceof LongText longText ? longText.length() : textual.asText().length();
  }

  /** UTF-16 units of the text, counted by the parser as it skipped the string ({@link SpanningParser}). */
  int length() {
    return units;
  }

  @Override
  public String textValue() {
    String decoded = text;
    if (decoded == null) {
      decoded = decode();
      text = decoded;
    }
    return decoded;
  }

  private String decode() {
    if (indexOf((byte) '\\') < 0) {
      return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
    // With escapes: Jackson's parser on the quoted span decodes them exactly as the first read would have.
    try (JsonParser parser = FACTORY.createParser(bytes, start - 1, end - start + 2)) {
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        throw new IllegalStateException("not a JSON string");
      }
      return parser.getText();
    } catch (IOException e) {
      throw new UncheckedIOException("a string the parser accepted no longer decodes", e);
    }
  }

  private int indexOf(byte wanted) {
    for (int i = start; i < end; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String asText() {
    return textValue();
  }

  @Override
  public JsonNodeType getNodeType() {
    return JsonNodeType.STRING;
  }

  @Override
  public JsonToken asToken() {
    return JsonToken.VALUE_STRING;
  }

  @Override
  public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
    generator.writeString(textValue());
  }

  @Override
  public boolean equals(Object other) {
    if (other == this) {
      return true;
    }
    if (other instanceof LongText that) {
      return Arrays.equals(bytes, start, end, that.bytes, that.start, that.end) || textValue().equals(that.textValue());
    }
    return other instanceof JsonNode node && node.isTextual() && textValue().equals(node.textValue());
  }

  @Override
  public int hashCode() {
    return textValue().hashCode();
  }
}
