package dev.spillway.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

  /** The streams rows' heap figures: under ZGC they read NaN while only G1's "K" was parsed. */
  @Test
  void readsTheUsedHeapOfEitherCollector() {
    assertThat(Service.heapUsedMb("""
        28032:
         garbage-first heap   total 262144K, used 40960K [0x00000000e0000000, 0x0000000100000000)
          region size 1024K, 12 young (12288K), 2 survivors (2048K)
        """)).isEqualTo(40.0);
    assertThat(Service.heapUsedMb("""
        11021:
        ZHeap            used 76M, capacity 256M, max capacity 512M
         Cache           180M (3)
        """)).isEqualTo(76.0);
    assertThat(Service.heapUsedMb("11021:\nZHeap            used 2G, capacity 3G")).isEqualTo(2048.0);
    assertThat(Service.heapUsedMb("11021:\nno such command")).isNaN();
    assertThat(Service.heapUsedMb("""
        11021:
        Shenandoah Heap
         524288K max, 524288K soft max, 262144K committed, 32176K used
         Metaspace       used 32140K, committed 32768K, reserved 1081344K
        """)).as("Metaspace's figure is not the heap's").isNaN();
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

  @Test
  void cpuTimeIsUserPlusSystemTicksWhateverTheProcessIsCalled() {
    // A name with spaces and a parenthesis: the fields are counted from the last ')'.
    String stat = "4242 (nginx: worker (x)) S 1 4242 4242 0 -1 4194560 1 0 0 0 1234 567 0 0 20 0 1 0 100 0 0";

    assertThat(Service.cpuTicks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void theJitCompilerThreadsAreToldApartByTheirNames() throws Exception {
    assertThat(Service.compilerThread("81 (C2 CompilerThre) S 1 80 80 0 -1 0 0 0 0 0 512 3 0 0")).isTrue();
    assertThat(Service.compilerThread("82 (C1 CompilerThre) S 1 80 80 0 -1 0 0 0 0 0 40 1 0 0")).isTrue();
    assertThat(Service.compilerThread("83 (XNIO-1 I/O-1) S 1 80 80 0 -1 0 0 0 0 0 900 70 0 0")).isFalse();
    assertThat(Service.compilerThread("84 (GC Thread#0) S 1 80 80 0 -1 0 0 0 0 0 60 2 0 0")).isFalse();
  }

  @Test
  void aJvmsCompilersAreFoundAmongItsThreads() throws Exception {
    // This test's own JVM has compiled JUnit, AssertJ and the bench's classes by now: its compiler threads
    // have run for more than the one clock tick (10 ms) /proc counts in.
    assertThat(Service.compilerCpuNanos(ProcessHandle.current().pid())).isGreaterThan(0);
  }

  @Test
  void theCpuOfAProcessAndItsChildrenGrowsAsTheyWork() throws Exception {
    Path logs = Files.createTempDirectory("service-cpu");
    // A shell that starts a busy child: the child's time counts, as nginx's workers' do.
    ProcessBuilder busy = new ProcessBuilder("sh", "-c", "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done' & wait");
    try (Service service = Service.start("busy", 0, busy, logs, Map.of(), false)) {
      long before = service.cpuNanos();
      try {
        await().atMost(Duration.ofSeconds(20))
            .until(() -> service.cpuNanos() - before >= 50_000_000L);
      } finally {
        ProcessHandle.of(service.pid()).ifPresent(shell -> shell.descendants().forEach(ProcessHandle::destroy));
      }
    }
  }

  @Test
  void aPausedProcessIsStoppedUntilResumedAndStillClosesAtOnce() throws Exception {
    Path logs = Files.createTempDirectory("service-pause");
    ProcessBuilder spinning = new ProcessBuilder("sh", "-c", "while :; do :; done");
    long closedAt;
    Service service = Service.start("spinning", 0, spinning, logs, Map.of(), false);
    try {
      service.pause();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> state(service.pid()) == 'T');

      service.resume();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> state(service.pid()) != 'T');
      long running = service.cpuNanos();
      await().atMost(Duration.ofSeconds(20))
          .until(() -> service.cpuNanos() > running);

      service.pause();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> state(service.pid()) == 'T');
    } finally {
      closedAt = System.nanoTime();
      service.close();
    }
    // A stopped process holds SIGTERM until it runs again: close() resumes it first, so it ends at
    // once instead of after the 5-s wait for the forcible kill.
    assertThat(ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(4));
  }

  /** The process state letter of /proc/<pid>/stat ('T': stopped). */
  private static char state(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }
}
