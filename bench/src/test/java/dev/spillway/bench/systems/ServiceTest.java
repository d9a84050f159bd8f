package dev.spillway.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceTest {
  @Test
  void anEmptyQueueWithNothingCompilingIsZero() {
    assertThat(Service.pendingCompiles("""
        28032:
        Current compiles:\s

        C1 compile queue:
        Empty

        C2 compile queue:
        Empty
        """)).isZero();
  }

  @Test
  void countsTheCompilesUnderWayAndEveryQueuedMethod() {
    assertThat(Service.pendingCompiles("""
        28032:
        Current compiles:\s
        C2 CompilerThread0  3872   !   4       io.undertow.server.protocol.http.HttpResponseConduit::processWrite (1317 bytes)

        C1 compile queue:
        Empty

        C2 compile queue:
        3822       4       io.undertow.server.protocol.http.HttpResponseConduit::reset (38 bytes)
        3848       4       java.util.LinkedHashMap::entrySet (27 bytes)
        """)).isEqualTo(3);
  }

  @Test
  void anAnswerWithoutQueuesIsUnreadable() {
    assertThat(Service.pendingCompiles("28032:\ncom.sun.tools.attach.AttachNotSupportedException")).isEqualTo(-1);
  }

  @Test
  void readsTheSoftOpenFileLimit() {
    assertThat(Service.openFileLimit("""
        Limit                     Soft Limit           Hard Limit           Units
        Max processes             unlimited            unlimited            processes
        Max open files            20000                20000                files
        Max locked memory         8388608              8388608              bytes
        """)).isEqualTo(20_000);
    assertThat(Service.openFileLimit("Max open files            unlimited            unlimited            files\n"))
        .isEqualTo(Long.MAX_VALUE);
  }
}
