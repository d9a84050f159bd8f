package dev.spillway.proxy.providers.vertex;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/** A fresh RSA key pair and the service-account key file Google would issue for it. */
final class ServiceAccountKey {
  private final KeyPair keys;

  ServiceAccountKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  PublicKey publicKey() {
    return keys.getPublic();
  }

  /** The key file, with its token_uri pointing at a loopback token endpoint. */
  String json(String tokenUri) {
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    return new ObjectMapper().createObjectNode()
        .put("type", "service_account")
        .put("project_id", "acme-prod")
        .put("private_key_id", "k1")
        .put("private_key", pem)
        .put("client_email", "spillway@acme-prod.iam.gserviceaccount.com")
        .put("client_id", "1234567890")
        .put("token_uri", tokenUri)
        .toString();
  }
}
