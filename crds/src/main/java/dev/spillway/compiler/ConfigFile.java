package dev.spillway.compiler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One config file's text, or one readable sentence saying why it has none: what a user needs when
 * a save in their editor left a broken link, a binary or a huge file in the folder. Folders are
 * filtered out before ({@link ResourceYaml#isConfigName}).
 */
final class ConfigFile {
  /** Why a file cannot be read as config; the message is the whole sentence. */
  static final class Unusable extends Exception {
    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  private ConfigFile() {}

  static String text(Path file, long maxBytes) throws Unusable {
    BasicFileAttributes attributes = attributes(file);
    if (!attributes.isRegularFile()) {
      throw new Unusable("is not a regular file");
    }
    if (attributes.size() > maxBytes) {
      throw new Unusable("is " + attributes.size() + " bytes; a config file may have at most " + maxBytes);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Unusable("cannot be read: " + reason(e));
    }
    if (bytes.length > maxBytes) {
      throw new Unusable("is over " + maxBytes + " bytes; a config file may have at most " + maxBytes);
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new Unusable("is not text (it holds NUL bytes): a binary file?");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      throw new Unusable("is not UTF-8 text: a binary file, or saved in another encoding?");
    }
  }

  /** The file's attributes, following links; a link that leads nowhere says so. */
  private static BasicFileAttributes attributes(Path file) throws Unusable {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException missing) {
      if (Files.isSymbolicLink(file)) {
        throw new Unusable("is a symbolic link to a file that does not exist" + target(file));
      }
      throw new Unusable("disappeared while the folder was read");
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new Unusable("is a symbolic link that cannot be followed (" + reason(e) + "): a loop?");
      }
      throw new Unusable("cannot be read: " + reason(e));
    }
  }

  private static String target(Path link) {
    try {
      return " (" + Files.readSymbolicLink(link) + ")";
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getClass().getSimpleName();
  }
}
