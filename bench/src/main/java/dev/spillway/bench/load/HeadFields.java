package dev.spillway.bench.load;

import java.io.IOException;

/** What an HTTP/1.1 answer's headers say about its framing: length, chunking, closing. */
final class HeadFields {
  long length = -1;
  boolean chunked;
  boolean close;

  /** Notes one header line (not the blank line ending the head). */
  void header(String line) throws IOException {
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw new IOException("malformed header line: " + line);
    }
    String name = line.substring(0, colon).trim();
    String value = line.substring(colon + 1).trim();
    if (name.equalsIgnoreCase("content-length")) {
      length = Long.parseLong(value);
    } else if (name.equalsIgnoreCase("transfer-encoding")) {
      chunked = value.toLowerCase().contains("chunked");
    } else if (name.equalsIgnoreCase("connection")) {
      close = value.equalsIgnoreCase("close");
    }
  }
}
