package dev.spillway.proxy.providers;

/**
 * A successful speech call: the audio as the provider sent it.
 *
 * @param contentType the provider's content type, e.g. {@code audio/wav}
 * @param format the audio's format (mp3, wav, pcm, …): the requested {@code response_format}, which
 *     providers honour
 */
public record Speech(byte[] audio, String contentType, String format) {}
