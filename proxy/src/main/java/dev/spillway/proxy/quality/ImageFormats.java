package dev.spillway.proxy.quality;

/** An image's format from its first bytes (its magic number), as OpenAI names formats. */
final class ImageFormats {
  private ImageFormats() {}

  static String of(byte[] bytes) {
    if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G')) {
      return "png";
    }
    if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
      return "jpeg";
    }
    if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
      return "webp";
    }
    return "unknown";
  }

  static boolean same(String requested, String actual) {
    return requested.equals(actual) || (requested.equals("jpg") && actual.equals("jpeg"));
  }

  private static boolean startsWith(byte[] bytes, int offset, int... magic) {
    if (bytes.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[offset + i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
