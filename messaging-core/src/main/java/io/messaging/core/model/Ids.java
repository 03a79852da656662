package io.messaging.core.model;

import java.util.Objects;

/** Validation shared by the identifier records: opaque, URL-safe, 1 to 64 characters. */
final class Ids {
    private static final int MAX_LENGTH = 64;

    private Ids() {}

    static String require(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!allowed(value)) {
            throw new IllegalArgumentException(name + " must be 1 to 64 characters of [A-Za-z0-9_-]");
        }
        return value;
    }

    /** {@code [A-Za-z0-9_-]{1,64}}, checked without a regular expression: ids are checked on every message. */
    private static boolean allowed(String value) {
        int length = value.length();
        if (length < 1 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
