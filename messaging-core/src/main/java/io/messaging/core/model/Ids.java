package io.messaging.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** Validation shared by the identifier records: opaque, URL-safe, 1 to 64 characters. */
final class Ids {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {}

    static String require(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to 64 characters of [A-Za-z0-9_-]");
        }
        return value;
    }
}
