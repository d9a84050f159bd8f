package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A JSON object parsed from bytes that still knows them: each top-level member that holds the very
 * value it was parsed with (the same node, by identity) is written back as its original bytes, and
 * only members set, replaced or added since are encoded. Copies made with {@link #shallowCopy}
 * keep that knowledge, so each attempt's shaped body (the client's members with a few set) splices
 * too.
 *
 * <p>Identity is what makes this safe: code that changes a member replaces its value (the
 * request path's rule: shaped bodies share their nested values with the client's request, so
 * nested values are never changed in place). A nested value changed in place would not be seen.
 * Copies made any other way ({@code deepCopy}, a new node) are plain trees and serialise as usual.
 */
public final class SplicedObject extends ObjectNode {
  private final RawMembers raw;

  SplicedObject(RawMembers raw) {
    super(JsonNodeFactory.instance);
    this.raw = raw;
  }

  /** A new object with the same members (values shared, not copied), splicing like {@code object}. */
  public static ObjectNode shallowCopy(ObjectNode object) {
    ObjectNode copy = object instanceof SplicedObject spliced ? new SplicedObject(spliced.raw) : object.objectNode();
    copy.setAll(object);
    return copy;
  }

  /** The JSON bytes of {@code object} in one array: spliced from its original bytes where it has them. */
  public static byte[] bytes(ObjectNode object, ObjectMapper mapper) {
    return pieces(object, mapper).toArray();
  }

  /**
   * The JSON bytes of {@code object} as pieces (for a gathering write): the client's array itself
   * when nothing changed, else its long members as slices of it around what was encoded anew.
   */
  public static SplicedBytes pieces(ObjectNode object, ObjectMapper mapper) {
    try {
      return object instanceof SplicedObject spliced
          ? spliced.splice(mapper)
          : SplicedBytes.of(mapper.writeValueAsBytes(object));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private SplicedBytes splice(ObjectMapper mapper) throws JsonProcessingException {
    if (raw.unique() && size() == raw.size() && allAsParsed()) {
      return SplicedBytes.of(raw.bytes()); // nothing changed: the bytes as they came (never written to)
    }
    SplicedBytes.Builder out = new SplicedBytes.Builder(raw.bytes()).put((byte) '{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : properties()) {
      if (!first) {
        out.put((byte) ',');
      }
      first = false;
      RawMembers.Member original = raw.member(member.getKey());
      if (original != null && original.holds(member.getValue())) {
        out.slice(original.start(), original.end());
      } else {
        out.put(encode(mapper, member.getKey(), member.getValue()));
      }
    }
    return out.put((byte) '}').build();
  }

  /** Every member holds what was parsed at its own place, in the parsed order. */
  private boolean allAsParsed() {
    int i = 0;
    for (Map.Entry<String, JsonNode> member : properties()) {
      RawMembers.Member original = raw.member(member.getKey());
      if (original == null || !original.holds(member.getValue()) || original.index() != i++) {
        return false;
      }
    }
    return true;
  }

  /** {@code "name":value}, for a member that is not the one parsed. */
  private static byte[] encode(ObjectMapper mapper, String name, JsonNode value) throws JsonProcessingException {
    byte[] key = mapper.writeValueAsBytes(name);
    byte[] encoded = mapper.writeValueAsBytes(value);
    byte[] out = new byte[key.length + 1 + encoded.length];
    System.arraycopy(key, 0, out, 0, key.length);
    out[key.length] = ':';
    System.arraycopy(encoded, 0, out, key.length + 1, encoded.length);
    return out;
  }
}
