package dev.spillway.proxy.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The spellings of one secret an upstream may echo: as is, URL-encoded (form style and every byte
 * percent-encoded), hex, and base64 (standard and URL-safe) at each of the three byte alignments
 * it can take inside a longer encoded text (e.g. {@code Basic base64(user:key)}). For base64 only
 * the characters that depend on the secret's bytes alone are kept: the ones at the edges mix in
 * whatever surrounds it.
 */
final class SecretForms {
  private SecretForms() {}

  static Set<String> of(String secret) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    StringBuilder percent = new StringBuilder();
    for (byte b : bytes) {
      percent.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
    }
    forms.add(percent.toString());
    forms.add(percent.toString().toLowerCase(java.util.Locale.ROOT));
    forms.add(HexFormat.of().formatHex(bytes));
    for (int align = 0; align < 3; align++) {
      String core = base64Core(bytes, align);
      if (!core.isEmpty()) {
        forms.add(core);
        forms.add(core.replace('+', '-').replace('/', '_'));
      }
    }
    return forms;
  }

  /** The base64 characters of {@code bytes} placed {@code align} bytes into an encoded text. */
  private static String base64Core(byte[] bytes, int align) {
    byte[] shifted = new byte[align + bytes.length];
    System.arraycopy(bytes, 0, shifted, align, bytes.length);
    String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
    int first = (align * 8 + 5) / 6; // the first character with no bit of the bytes before
    int last = shifted.length * 8 / 6; // characters after this mix in the bytes after
    return first < last ? encoded.substring(first, last) : "";
  }
}
