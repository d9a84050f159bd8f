package dev.spillway.proxy.providers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.passthrough.SplicedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link ChatChunk}s: one pass of Jackson's streaming parser over a chunk's bytes picks out
 * its {@link ChunkFacts} and skips the rest, building no tree (the per-chunk tree and its encoding
 * were most of a relayed chunk's CPU). Chunks born as trees are read the same way, through a parser
 * over the tree, so both kinds have their facts from this one reader. Thread-safe.
 */
public final class ChunkReader {
  private final ObjectMapper mapper;
  private final ObjectReading trees;
  /** Reads the usage member alone, from inside the chunk: what follows it is not trailing junk. */
  private final ObjectReader members;

  public ChunkReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.members = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.trees = new ObjectReading(mapper);
  }

  /**
   * A chunk as the upstream sent it.
   *
   * @return empty when the JSON is not an object
   * @throws IOException the bytes are not valid JSON (or hold more than one value)
   */
  public Optional<ChatChunk> read(byte[] json) throws IOException {
    try (JsonParser parser = mapper.createParser(json)) {
      Scan scan = scan(parser, json);
      return scan == null
          ? Optional.empty()
          : Optional.of(new ChatChunk(this, json, scan.usageFrom(), scan.usageTo(), scan.facts(), null));
    }
  }

  /** A chunk built as a tree (translated from another provider's events). */
  public ChatChunk of(ObjectNode chunk) {
    try (JsonParser parser = chunk.traverse(mapper)) {
      return new ChatChunk(this, null, -1, -1, scan(parser, null).facts(), chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("a JSON tree always reads", e);
    }
  }

  ObjectNode tree(byte[] json) {
    try {
      // Spliced: a tree nobody changes still writes back as these bytes.
      return trees.read(json).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException("read once already", e);
    }
  }

  byte[] bytes(ObjectNode tree) {
    return SplicedObject.bytes(tree, mapper);
  }

  /** What one pass found: the facts, and the bytes to cut to drop usage (-1 when unknown). */
  private record Scan(ChunkFacts facts, int usageFrom, int usageTo) {}

  /** @param json the bytes the parser reads, for the usage member's span; null for a tree */
  private Scan scan(JsonParser parser, byte[] json) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String id = null;
    String model = null;
    boolean hasError = false;
    boolean hasUsage = false;
    Usage usage = null;
    List<ChunkFacts.Choice> choices = List.of();
    int usageFrom = -1;
    int usageTo = -1;
    JsonToken token = parser.nextToken();
    while (token == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      boolean usageMember = name.equals("usage");
      long nameStart = usageMember && json != null ? parser.currentTokenLocation().getByteOffset() : -1;
      JsonToken value = parser.nextToken();
      switch (name) {
        case "id" -> id = string(parser);
        case "model" -> model = string(parser);
        case "error" -> {
          hasError = true;
          parser.skipChildren();
        }
        case "usage" -> {
          // A second usage member: no single span to cut (the tree path then drops both).
          usageFrom = hasUsage ? -2 : usageFrom;
          hasUsage = true;
          usage = value == JsonToken.START_OBJECT ? Usage.fromOpenAi(members.readTree(parser)) : null;
          parser.skipChildren();
        }
        case "choices" -> choices = objects(parser, ChunkReader::choice);
        default -> parser.skipChildren();
      }
      token = parser.nextToken();
      if (usageMember && usageFrom != -2 && nameStart >= 0) {
        int next = (int) parser.currentTokenLocation().getByteOffset();
        usageFrom = token == JsonToken.FIELD_NAME ? (int) nameStart : commaBefore(json, (int) nameStart);
        usageTo = next;
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new JsonParseException(parser, "Unexpected token " + token + " in a chunk");
    }
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "Trailing token after the chunk's object");
    }
    ChunkFacts facts = new ChunkFacts(id, model, hasError, hasUsage, usage, choices);
    return usageFrom < 0 ? new Scan(facts, -1, -1) : new Scan(facts, usageFrom, usageTo);
  }

  /**
   * Where the cut of a last member starts: its comma (the member before it keeps its bytes), or
   * the member itself when it is the only one.
   */
  private static int commaBefore(byte[] json, int nameStart) {
    int at = nameStart - 1;
    while (at > 0 && json[at] != ',' && json[at] != '{') {
      at--; // only spacing lies between a separator and the next name
    }
    return json[at] == ',' ? at : nameStart;
  }

  /** One object of an array, read from its START_OBJECT to its END_OBJECT. */
  private interface Element<T> {
    T read(JsonParser parser) throws IOException;
  }

  /**
   * The objects of the current array, each read by {@code element}; anything else in it skipped.
   * Present but not an array counts as present and empty.
   */
  private static <T> List<T> objects(JsonParser parser, Element<T> element) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<T> objects = new ArrayList<>(1);
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        objects.add(element.read(parser));
      } else {
        parser.skipChildren();
      }
    }
    return objects;
  }

  private static ChunkFacts.Choice choice(JsonParser parser) throws IOException {
    int index = 0;
    Delta delta = Delta.NONE;
    String finishReason = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "index" -> index = scalarInt(parser, 0);
        case "finish_reason" -> finishReason = string(parser);
        case "delta" -> delta = delta(parser);
        default -> parser.skipChildren();
      }
    }
    return new ChunkFacts.Choice(index, delta.content(), delta.refusal(), delta.toolCalls(), finishReason);
  }

  private record Delta(String content, String refusal, List<ChunkFacts.ToolCallPiece> toolCalls) {
    static final Delta NONE = new Delta(null, null, null);
  }

  private static Delta delta(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return skipped(parser, Delta.NONE);
    }
    String content = null;
    String refusal = null;
    List<ChunkFacts.ToolCallPiece> toolCalls = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "content" -> content = string(parser);
        case "refusal" -> refusal = string(parser);
        case "tool_calls" -> toolCalls = objects(parser, ChunkReader::toolCallPiece);
        default -> parser.skipChildren();
      }
    }
    return new Delta(content, refusal, toolCalls);
  }

  private static ChunkFacts.ToolCallPiece toolCallPiece(JsonParser parser) throws IOException {
    int index = -1;
    String name = null;
    String arguments = "";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("index")) {
        index = scalarInt(parser, -1);
      } else if (field.equals("function") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String part = parser.currentName();
          parser.nextToken();
          if (part.equals("name")) {
            name = string(parser);
          } else if (part.equals("arguments")) {
            arguments = parser.currentToken().isScalarValue() ? parser.getValueAsString("") : skipped(parser, "");
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    return new ChunkFacts.ToolCallPiece(index, name, arguments);
  }

  /** The current value's text when it is a string, else null (a container is skipped). */
  private static String string(JsonParser parser) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : skipped(parser, null);
  }

  private static int scalarInt(JsonParser parser, int otherwise) throws IOException {
    return parser.currentToken().isScalarValue() ? parser.getValueAsInt(otherwise) : skipped(parser, otherwise);
  }

  private static <T> T skipped(JsonParser parser, T value) throws IOException {
    parser.skipChildren();
    return value;
  }
}
