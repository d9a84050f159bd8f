package dev.spillway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON form of {@link RouterConfig}: what the operator writes into the ConfigMap and the proxy
 * reads back. One shared, configured ObjectMapper.
 *
 * <p>The output is canonical — properties and map keys sorted, nulls written — so equal configs
 * give equal text: the content version is a hash of it, and a diff of two ConfigMaps shows only
 * real changes.
 */
public final class ConfigJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          // A proxy one release behind must still load the config of a newer operator during an
          // upgrade; fields it does not know are features it does not have yet.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private ConfigJson() {}

  /** The shared mapper; configured once, safe to share between threads. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(RouterConfig config) {
    try {
      return MAPPER.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a RouterConfig is always serialisable", e);
    }
  }

  /**
   * The compact form the ConfigMap carries ({@link CompactTree}): no nulls, shared values written
   * once. {@link #read} reads both forms.
   */
  public static byte[] writeCompact(RouterConfig config) {
    try {
      ObjectNode tree = MAPPER.valueToTree(config);
      return MAPPER.writeValueAsBytes(CompactTree.compact(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a RouterConfig is always serialisable", e);
    }
  }

  /** @throws IllegalArgumentException when the text is not a RouterConfig (canonical or compact) */
  public static RouterConfig read(String json) {
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new IllegalArgumentException("not a valid RouterConfig: not a JSON object");
      }
      return MAPPER.treeToValue(CompactTree.expand(tree), RouterConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a valid RouterConfig: " + e.getOriginalMessage(), e);
    }
  }
}
