package dev.spillway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyBytesTest {
  @Test
  void aBodyThatArrivesAsDeclaredIsKeptInTheArrayItWasCopiedInto() {
    BodyBytes body = new BodyBytes(5);
    body.add(new byte[] {1, 2});
    body.add(new byte[] {3, 4, 5});

    byte[] whole = body.whole();

    assertThat(whole).containsExactly(1, 2, 3, 4, 5);
    assertThat(body.whole()).isSameAs(whole);
  }

  @Test
  void anUndeclaredOrShortBodyGrowsAndIsTrimmed() {
    BodyBytes undeclared = new BodyBytes(-1);
    for (int i = 0; i < 100; i++) {
      undeclared.add(new byte[] {(byte) i, (byte) i, (byte) i});
    }
    assertThat(undeclared.size()).isEqualTo(300);
    assertThat(undeclared.whole()).hasSize(300).startsWith(0, 0, 0, 1).endsWith(99, 99, 99);

    BodyBytes shortOfDeclared = new BodyBytes(1_000);
    shortOfDeclared.add(new byte[] {7});
    assertThat(shortOfDeclared.whole()).containsExactly(7);
  }

  @Test
  void aLargeDeclaredLengthIsNotAllocatedBeforeTheBytesCome() {
    BodyBytes body = new BodyBytes(10L << 20);
    body.add(new byte[] {1});
    // 1 MB held at most until the body proves as large as it said.
    assertThat(body.whole()).hasSize(1);
    body.add(new byte[BodyBytes.FIRST_ALLOCATION_MAX]);
    assertThat(body.size()).isEqualTo(BodyBytes.FIRST_ALLOCATION_MAX + 1);
  }
}
