package dev.spillway.proxy.passthrough;

import org.slf4j.LoggerFactory;

/**
 * How {@link PlainBytes} passes over the plain bytes of a long prompt. The vector search is about
 * five times faster per megabyte (one compare of 32-64 bytes where the eight-byte search does
 * arithmetic on four words), but needs the Vector API, an incubator module on Java 17 that the JVM
 * only loads when told to ({@code --add-modules=jdk.incubator.vector}, as the image's ENTRYPOINT
 * does); a plain {@code java -jar} gets the eight-byte search. Both find the same bytes
 * ({@code PlainBytesTest}).
 */
enum ByteSearch {
  /** 32-64 bytes a step with the Vector API, the vector with a special byte finished eight bytes at a time. */
  VECTOR,
  /** Eight bytes at a time (a SWAR test per word), the only search when the Vector API is absent. */
  EIGHT_BYTES;

  /** The search of this JVM: the vector one when its module was loaded. */
  static final ByteSearch ACTIVE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? VECTOR : EIGHT_BYTES;

  static {
    // Once, at the first body parsed: an operator reading a slow large-prompt profile sees which search ran.
    if (ACTIVE == VECTOR) {
      LoggerFactory.getLogger(ByteSearch.class).info("long prompts are scanned {} bits at a time (jdk.incubator.vector)",
          VectorBytes.bits());
    } else {
      LoggerFactory.getLogger(ByteSearch.class).info("long prompts are scanned eight bytes at a time; start the JVM with"
          + " --add-modules=jdk.incubator.vector (as the image does) for the vector scan");
    }
  }
}
