package dev.spillway.proxy.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port's username and password, or none (then the admin port is open, as before: only the
 * network, e.g. the operator's NetworkPolicy, keeps others out). Read from a folder holding {@code
 * username} and {@code password} files (how a {@code kubernetes.io/basic-auth} Secret is mounted) on
 * every check, so a rotated Secret applies with no restart; or given once (environment variables).
 * Never logged, never in {@link #toString()}.
 */
public final class AdminCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(AdminCredentials.class);
  /** The admin port is open. */
  public static final AdminCredentials NONE = new AdminCredentials("none", null);
  public static final String USERNAME_FILE = "username";
  public static final String PASSWORD_FILE = "password";

  /** A username and its password. */
  public record Pair(String username, String password) {
    @Override
    public String toString() {
      return "Pair[" + username + ", ****]";
    }
  }

  private final String origin;
  /** Null when open; an empty answer when the configured source cannot be read (then nothing matches). */
  private final Supplier<Optional<Pair>> source;

  private AdminCredentials(String origin, Supplier<Optional<Pair>> source) {
    this.origin = origin;
    this.source = source;
  }

  /** @throws IllegalArgumentException when one is set without the other, or either is blank */
  public static AdminCredentials of(String username, String password) {
    if (username == null && password == null) {
      return NONE;
    }
    if (username == null || username.isBlank() || password == null || password.isBlank()) {
      throw new IllegalArgumentException("admin credentials need both a username and a password");
    }
    if (username.contains(":")) {
      throw new IllegalArgumentException("an admin username cannot contain ':' (HTTP Basic separates it from the password)");
    }
    Optional<Pair> pair = Optional.of(new Pair(username, password));
    return new AdminCredentials("given username and password", () -> pair);
  }

  /**
   * Reads {@code username} and {@code password} in the folder on every check. A folder that cannot
   * be read refuses everyone (fail closed) rather than opening the port.
   *
   * @throws IllegalArgumentException when the folder does not hold both files now
   */
  public static AdminCredentials fromFolder(Path folder) {
    AdminCredentials credentials = new AdminCredentials("folder " + folder, () -> read(folder));
    if (credentials.current().isEmpty()) {
      throw new IllegalArgumentException("admin credentials folder " + folder + " must hold the files "
          + USERNAME_FILE + " and " + PASSWORD_FILE + ", neither empty (a kubernetes.io/basic-auth Secret's keys)");
    }
    return credentials;
  }

  private static Optional<Pair> read(Path folder) {
    try {
      String username = Files.readString(folder.resolve(USERNAME_FILE), StandardCharsets.UTF_8).strip();
      String password = Files.readString(folder.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).strip();
      return username.isEmpty() || password.isEmpty() ? Optional.empty() : Optional.of(new Pair(username, password));
    } catch (IOException unreadable) {
      LOG.warn("admin credentials in {} unreadable ({}): the admin port refuses every caller until they are back",
          folder, unreadable.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /** Whether the admin port asks for credentials. */
  public boolean required() {
    return source != null;
  }

  /** The username and password now, if set and readable. */
  public Optional<Pair> current() {
    return source == null ? Optional.empty() : source.get();
  }

  /**
   * Whether these are the credentials, compared in constant time (digests of equal length, both
   * parts always compared), so the answer's timing says nothing about how much of a guess was right.
   */
  public boolean accepts(String username, char[] password) {
    Optional<Pair> expected = current();
    if (expected.isEmpty() || username == null || password == null) {
      return false;
    }
    boolean user = MessageDigest.isEqual(digest(expected.get().username()), digest(username));
    boolean secret = MessageDigest.isEqual(digest(expected.get().password()), digest(new String(password)));
    return user & secret;
  }

  /** The {@code Authorization} header value a client sends, if credentials are set. */
  public Optional<String> authorization() {
    return current().map(pair -> "Basic " + Base64.getEncoder()
        .encodeToString((pair.username() + ":" + pair.password()).getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }

  /** Where they come from, never what they are. */
  @Override
  public String toString() {
    return "AdminCredentials[" + origin + "]";
  }
}
