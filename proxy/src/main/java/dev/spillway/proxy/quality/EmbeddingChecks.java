package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks of an embeddings answer: one vector per input, every vector of the requested (or the
 * target's usual) dimension, finite, and not all zeros.
 */
public final class EmbeddingChecks {
  private static final double MIN_NORM = 1e-9;
  /** The dimension each target answered with last, when the caller did not ask for one. */
  private final Map<String, Integer> usualDimension = new ConcurrentHashMap<>();

  public Optional<CheckFailure> failure(JsonNode body, JsonNode request, String targetId) {
    JsonNode data = body.path("data");
    if (!data.isArray() || data.isEmpty()) {
      return Optional.of(CheckFailure.target("no embeddings"));
    }
    int inputs = inputCount(request.path("input"));
    if (inputs > 0 && data.size() != inputs) {
      return Optional.of(CheckFailure.target(data.size() + " embeddings for " + inputs + " inputs"));
    }
    int expected = request.path("dimensions").asInt(0);
    int dimension = -1;
    for (JsonNode item : data) {
      double[] vector = vector(item.path("embedding"));
      if (vector == null) {
        return Optional.of(CheckFailure.target("embedding is not a vector of numbers"));
      }
      if (dimension >= 0 && vector.length != dimension) {
        return Optional.of(CheckFailure.target("embeddings of different dimensions " + dimension + " and " + vector.length));
      }
      dimension = vector.length;
      Optional<CheckFailure> bad = badValues(vector);
      if (bad.isPresent()) {
        return bad;
      }
    }
    if (expected > 0 && dimension != expected) {
      return Optional.of(CheckFailure.request("dimension " + dimension + ", requested " + expected));
    }
    if (expected == 0) {
      Integer usual = usualDimension.put(targetId + "|" + request.path("model").asText(""), dimension);
      if (usual != null && usual != dimension) {
        return Optional.of(CheckFailure.target("dimension changed from " + usual + " to " + dimension));
      }
    }
    return Optional.empty();
  }

  private static Optional<CheckFailure> badValues(double[] vector) {
    double norm = 0;
    for (double value : vector) {
      if (!Double.isFinite(value)) {
        return Optional.of(CheckFailure.target("embedding contains NaN or infinity"));
      }
      norm += value * value;
    }
    return Math.sqrt(norm) < MIN_NORM ? Optional.of(CheckFailure.target("zero embedding vector")) : Optional.empty();
  }

  /** How many vectors the input asks for: one per string (or token array), 0 when unknown. */
  private static int inputCount(JsonNode input) {
    if (input.isTextual()) {
      return 1;
    }
    if (input.isArray() && !input.isEmpty()) {
      return input.get(0).isNumber() ? 1 : input.size();
    }
    return 0;
  }

  /** A float array, or base64 little-endian float32 ({@code encoding_format: base64}); null when neither. */
  private static double[] vector(JsonNode embedding) {
    if (embedding.isArray()) {
      double[] vector = new double[embedding.size()];
      for (int i = 0; i < vector.length; i++) {
        JsonNode value = embedding.get(i);
        if (!value.isNumber()) {
          return null;
        }
        vector[i] = value.asDouble();
      }
      return vector;
    }
    if (embedding.isTextual()) {
      try {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asText())).order(ByteOrder.LITTLE_ENDIAN);
        double[] vector = new double[bytes.remaining() / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
          vector[i] = bytes.getFloat();
        }
        return vector;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }
}
