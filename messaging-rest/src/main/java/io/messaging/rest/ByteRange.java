package io.messaging.rest;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one byte range of a {@code Range: bytes=...} header (RFC 9110, section 14), resolved against the size of
 * what is served: {@code a-b}, {@code a-} and the suffix {@code -n}. A header this server does not serve as a
 * range (another unit, several ranges, bad syntax) asks for the whole content, as the RFC allows.
 */
record ByteRange(long first, long last) {
    private static final Pattern SPEC = Pattern.compile("(\\d*)-(\\d*)");

    /** What a request asks for. */
    sealed interface Requested {
        /** The whole content, with {@code 200}. */
        record Whole() implements Requested {}

        /** One range within the content, with {@code 206}. */
        record Part(ByteRange range) implements Requested {}

        /** A range that starts past the end, answered {@code 416}. */
        record Unsatisfiable() implements Requested {}
    }

    long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of this range of {@code size} bytes. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** What the header (possibly null) asks for of content of {@code size} bytes. */
    static Requested parse(String header, long size) {
        if (header == null) {
            return new Requested.Whole();
        }
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return new Requested.Whole();
        }
        var spec = SPEC.matcher(value.substring("bytes=".length()).strip());
        if (!spec.matches() || spec.group(1).isEmpty() && spec.group(2).isEmpty()) {
            return new Requested.Whole();
        }
        if (spec.group(1).isEmpty()) {
            long suffix = number(spec.group(2));
            return suffix == 0 || size == 0
                    ? new Requested.Unsatisfiable()
                    : new Requested.Part(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = number(spec.group(1));
        long last = spec.group(2).isEmpty() ? Long.MAX_VALUE : number(spec.group(2));
        if (last < first) {
            return new Requested.Whole();
        }
        if (first >= size) {
            return new Requested.Unsatisfiable();
        }
        return new Requested.Part(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** Digits as a number; more than a long holds is as good as infinite here. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
