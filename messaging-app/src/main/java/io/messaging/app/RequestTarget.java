package io.messaging.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether a request line and {@code Host} header are well-formed enough to route: strict percent-encoding
 * that decodes to UTF-8, no encoded separators, control characters or dot segments in the path, and a host that an
 * absolute URI can carry. Anything else is answered {@code 400} before a handler sees it.
 */
final class RequestTarget {
    /** Why a request was refused: the problem's stable code and a sentence for people. */
    record Refusal(String code, String detail) {}

    private RequestTarget() {}

    /**
     * Checks the raw (still encoded) path, the raw query ({@code null} when absent) and the Host header
     * ({@code null} when absent).
     */
    static Optional<Refusal> check(String rawPath, String rawQuery, String host) {
        if (rawPath == null || rawPath.isEmpty() || (rawPath.charAt(0) != '/' && !rawPath.equals("*"))) {
            return refuse("malformed_uri", "the request target must be an absolute path");
        }
        try {
            new URI(rawQuery == null ? rawPath : rawPath + "?" + rawQuery);
        } catch (URISyntaxException e) {
            return refuse("malformed_uri", "the request target is not a valid URI");
        }
        for (String segment : rawPath.split("/", -1)) {
            Optional<String> decoded = decode(segment);
            if (decoded.isEmpty()) {
                return refuse("malformed_uri", "the path has an invalid percent-encoding");
            }
            String value = decoded.get();
            if (value.equals(".")
                    || value.equals("..")
                    || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\')) {
                return refuse(
                        "malformed_uri", "the path has an encoded separator, a control character or a dot segment");
            }
        }
        if (rawQuery != null && rawQuery.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return refuse("malformed_uri", "the query has a control character");
        }
        if (rawQuery != null) {
            Optional<String> query = decode(rawQuery.replace('+', ' '));
            if (query.isEmpty()) {
                return refuse("malformed_uri", "the query has an invalid percent-encoding");
            }
            if (query.get().indexOf('\0') >= 0) {
                return refuse("malformed_uri", "the query has an encoded NUL character");
            }
        }
        if (host != null && !validHost(host)) {
            return refuse("bad_host", "the Host header is not a valid host and port");
        }
        return Optional.empty();
    }

    private static boolean validHost(String host) {
        if (host.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI("http://" + host + "/").parseServerAuthority();
            return uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawPath().equals("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Percent-decodes strictly: every escape is two hex digits and the bytes are UTF-8. */
    private static Optional<String> decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        var bytes = ByteBuffer.allocate(raw.length() * 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Refusal> refuse(String code, String detail) {
        return Optional.of(new Refusal(code, detail));
    }
}
