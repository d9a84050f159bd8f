package dev.spillway.proxy.passthrough;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector half of {@link PlainBytes}: passes over whole vectors (64 bytes with AVX-512, 32 with
 * AVX2) in which no byte is special, one compare and one test a vector, and leaves the vector that
 * holds a special byte (and a tail shorter than a vector) to the eight-bytes-at-a-time search,
 * which finds the exact byte. Only loaded when the JVM was started with
 * {@code --add-modules=jdk.incubator.vector} ({@link ByteSearch#VECTOR}): the module is incubating
 * on Java 17, and referring to it without the flag would fail to load.
 */
final class VectorBytes {
  private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
  private static final int WIDTH = SPECIES.length();

  private VectorBytes() {}

  /** The start of the first vector from {@code from} holding a byte that is not plain ASCII, or of the tail shorter than a vector. */
  static int plainPrefix(byte[] buffer, int from, int end) {
    int at = from;
    for (; at + WIDTH <= end; at += WIDTH) {
      ByteVector bytes = ByteVector.fromArray(SPECIES, buffer, at);
      // Signed: below 0x20 are the control characters and every byte of 0x80 and above (not ASCII).
      VectorMask<Byte> special = bytes.compare(VectorOperators.LT, (byte) ' ')
          .or(bytes.compare(VectorOperators.EQ, (byte) '"'))
          .or(bytes.compare(VectorOperators.EQ, (byte) '\\'));
      if (special.anyTrue()) {
        return at;
      }
    }
    return at;
  }

  /** The start of the first vector from {@code from} holding a quote, or of the tail shorter than a vector. */
  static int quotePrefix(byte[] buffer, int from, int end) {
    int at = from;
    for (; at + WIDTH <= end; at += WIDTH) {
      if (ByteVector.fromArray(SPECIES, buffer, at).compare(VectorOperators.EQ, (byte) '"').anyTrue()) {
        return at;
      }
    }
    return at;
  }

  /** The vector's width in bits, for the log line saying which search runs. */
  static int bits() {
    return SPECIES.vectorBitSize();
  }
}
