package dev.spillway.bench.systems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's count of connections dropped because a listener's accept queue was full
 * ({@code TcpExtListenOverflows} in {@code /proc/net/netstat}, machine-wide). A dropped handshake
 * is retried by the client after a second or more, so a row with overflows has first tokens that
 * late for reasons no profile of the process shows.
 */
public final class ListenOverflows {
  private static final Path NETSTAT = Path.of("/proc/net/netstat");

  private ListenOverflows() {}

  /** The count so far, or -1 where the kernel does not say (not Linux). */
  public static long now() {
    try {
      return Files.exists(NETSTAT) ? parse(Files.readAllLines(NETSTAT)) : -1;
    } catch (IOException unreadable) {
      return -1;
    }
  }

  /** From the two {@code TcpExt:} lines: names, then values in the same order. */
  static long parse(List<String> netstat) {
    List<String> tcpExt = netstat.stream().filter(line -> line.startsWith("TcpExt:")).toList();
    if (tcpExt.size() < 2) {
      return -1;
    }
    String[] names = tcpExt.get(0).trim().split("\\s+");
    String[] values = tcpExt.get(1).trim().split("\\s+");
    for (int i = 1; i < Math.min(names.length, values.length); i++) {
      if (names[i].equals("ListenOverflows")) {
        return Long.parseLong(values[i]);
      }
    }
    return -1;
  }
}
