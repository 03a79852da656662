package io.messaging.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for secrets in files byte by byte: the texts and the image that the encryption scenario wrote down (see
 * {@code encryption.e2e.mjs}), in every file under a directory (databases, their WAL files, attachments) and in
 * the server log.
 */
final class PlaintextScan {
    /** What the scenario sent: encrypted texts, the image, and a text sent before encryption was on. */
    record Secrets(String before, List<String> texts, byte[] image) {
        static Secrets read(Path file) throws IOException {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            List<String> texts = new ArrayList<>();
            json.get("texts").forEach(text -> texts.add(text.asText()));
            return new Secrets(
                    json.get("before").asText(),
                    texts,
                    Base64.getDecoder().decode(json.get("image").asText()));
        }

        /** Each needle by name: the texts' UTF-8, slices of the image's bytes, and the start of its base64. */
        Map<String, byte[]> needles() {
            Map<String, byte[]> needles = new LinkedHashMap<>();
            texts.forEach(text -> needles.put("text \"" + text + "\"", text.getBytes(StandardCharsets.UTF_8)));
            for (int offset : List.of(0, image.length / 4, image.length / 2, image.length * 3 / 4, image.length - 32)) {
                byte[] slice = new byte[32];
                System.arraycopy(image, offset, slice, 0, 32);
                needles.put("image bytes at " + offset, slice);
            }
            byte[] head = new byte[48];
            System.arraycopy(image, 0, head, 0, 48);
            needles.put("image as base64", Base64.getEncoder().encode(head));
            return needles;
        }
    }

    private PlaintextScan() {}

    /** Every regular file under the directory. */
    static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** "needle in file" for each needle found in one of the files; empty when none is anywhere. */
    static List<String> find(Map<String, byte[]> needles, List<Path> files) {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String haystack = latin1(file);
            needles.forEach((name, needle) -> {
                if (haystack.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                    found.add(name + " in " + file);
                }
            });
        }
        return found;
    }

    private static String latin1(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
