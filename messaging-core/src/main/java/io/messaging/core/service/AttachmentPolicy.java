package io.messaging.core.service;

import java.util.List;
import java.util.Locale;

/** Which uploads are accepted: a size limit and content types ({@code image/*}-style wildcards allowed). */
public record AttachmentPolicy(long maxBytes, List<String> allowedTypes) {
    /** 10 MiB of images, audio, video, PDF, plain text and common archives and office files. */
    public static final AttachmentPolicy DEFAULT = new AttachmentPolicy(
            10L * 1024 * 1024,
            List.of(
                    "image/*",
                    "audio/*",
                    "video/*",
                    "text/plain",
                    "application/pdf",
                    "application/zip",
                    "application/octet-stream",
                    "application/json",
                    "application/msword",
                    "application/vnd.openxmlformats-officedocument.*"));

    public AttachmentPolicy {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        allowedTypes = allowedTypes.stream()
                .map(type -> type.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** The content type without parameters, lower-cased. */
    public static String essence(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    /** Whether the type (its essence) is allowed. */
    public boolean allows(String contentType) {
        String essence = essence(contentType);
        if (!essence.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
            return false;
        }
        return allowedTypes.stream()
                .anyMatch(pattern -> pattern.endsWith("*")
                        ? essence.startsWith(pattern.substring(0, pattern.length() - 1))
                        : essence.equals(pattern));
    }
}
