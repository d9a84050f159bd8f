package dev.spillway.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a config travels in its ConfigMap: the compact {@link ConfigJson} form (no nulls, each
 * repeated capability set and price list written once: {@link CompactTree}) gzip-compressed under
 * {@code binaryData} ({@link ClusterLayout#CONFIG_GZ_KEY}). Compact, the JSON is several times
 * smaller; compressed, thousands of models fit the API server's 1 MiB object limit, where the
 * plain text of a few hundred does not. The proxy also reads the plain {@code data} form of earlier
 * operators.
 */
public final class PublishedConfig {
  /** The API server refuses objects larger than this (etcd's request limit). */
  public static final int CONFIGMAP_LIMIT_BYTES = 1_048_576;
  /** What the compressed config may take: the rest of the limit is left to metadata and keys. */
  public static final int MAX_ENCODED_BYTES = CONFIGMAP_LIMIT_BYTES - 16 * 1024;
  /** A decompressed config larger than this is refused rather than read (a zip bomb, a mistake). */
  public static final int MAX_DECODED_BYTES = 256 << 20;

  private PublishedConfig() {}

  /** The gzip bytes of the config's JSON. */
  public static byte[] compress(RouterConfig config) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(ConfigJson.writeCompact(config));
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory compression cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** What the config takes in the ConfigMap: base64 of the gzip bytes, as the API server stores it. */
  public static int encodedSize(byte[] compressed) {
    return (compressed.length + 2) / 3 * 4;
  }

  /** {@code binaryData} of the ConfigMap: base64, as Kubernetes carries binary values. */
  public static Map<String, String> binaryData(byte[] compressed) {
    return Map.of(ClusterLayout.CONFIG_GZ_KEY, Base64.getEncoder().encodeToString(compressed));
  }

  /**
   * The config a ConfigMap carries: compressed in {@code binaryData}, or plain in {@code data}.
   *
   * @return null when the ConfigMap carries none
   * @throws IllegalArgumentException when what it carries is not a readable config
   */
  public static RouterConfig read(Map<String, String> data, Map<String, String> binaryData) {
    String compressed = binaryData == null ? null : binaryData.get(ClusterLayout.CONFIG_GZ_KEY);
    if (compressed != null) {
      return ConfigJson.read(decompress(compressed));
    }
    String plain = data == null ? null : data.get(ClusterLayout.CONFIG_KEY);
    return plain == null ? null : ConfigJson.read(plain);
  }

  private static String decompress(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException(ClusterLayout.CONFIG_GZ_KEY + " is not base64", notBase64);
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] json = in.readNBytes(MAX_DECODED_BYTES + 1);
      if (json.length > MAX_DECODED_BYTES) {
        throw new IllegalArgumentException(ClusterLayout.CONFIG_GZ_KEY + " decompresses to more than "
            + (MAX_DECODED_BYTES >> 20) + " MiB");
      }
      return new String(json, StandardCharsets.UTF_8);
    } catch (IOException notGzip) {
      throw new IllegalArgumentException(ClusterLayout.CONFIG_GZ_KEY + " is not gzip data: " + notGzip.getMessage(),
          notGzip);
    }
  }
}
