package dev.spillway.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListenOverflowsTest {
  @Test
  void readsTheCounterByItsNameInTheTcpExtLines() {
    List<String> netstat = List.of(
        "TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops",
        "TcpExt: 0 0 312 340",
        "IpExt: InNoRoutes InTruncatedPkts",
        "IpExt: 0 0");

    assertThat(ListenOverflows.parse(netstat)).isEqualTo(312);
  }

  @Test
  void unknownWhenTheKernelDoesNotCountIt() {
    assertThat(ListenOverflows.parse(List.of("IpExt: InNoRoutes", "IpExt: 0"))).isEqualTo(-1);
  }
}
