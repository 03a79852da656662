package io.messaging.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as given over a fresh TCP connection and reads the one answer: for requests no well-behaved
 * HTTP client would send (malformed targets, bad Host headers, huge headers).
 */
final class RawHttp {
    /** A parsed answer: status, headers (names lower-cased) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private RawHttp() {}

    static Answer send(int port, String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** A request with the given target and headers (each a full {@code Name: value} line), no body. */
    static Answer get(int port, String target, String... headerLines) throws IOException {
        var request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return send(port, request.append("Connection: close\r\n\r\n").toString());
    }

    private static Answer read(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before an answer: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
        var body = new ByteArrayOutputStream();
        try {
            if (length >= 0) {
                body.write(in.readNBytes(length));
            } else {
                in.transferTo(body);
            }
        } catch (SocketTimeoutException e) {
            // a kept-alive connection with no length: what came is the body
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }
}
