package io.messaging.core.service;

import io.messaging.core.port.in.Limits;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Field rules shared by the use cases; each returns the problem, if any, as a message. */
final class Validation {
    private static final Pattern USERNAME =
            Pattern.compile("[a-z0-9._-]{" + Limits.USERNAME_MIN + "," + Limits.USERNAME_MAX + "}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private Validation() {}

    static String normalizeUsername(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    static Optional<String> username(String normalized) {
        return USERNAME.matcher(normalized).matches()
                ? Optional.empty()
                : Optional.of("username must be " + Limits.USERNAME_MIN + " to " + Limits.USERNAME_MAX
                        + " characters of a-z, 0-9, '.', '_' and '-'");
    }

    static Optional<String> email(String normalized) {
        return normalized.length() <= Limits.EMAIL_MAX
                        && EMAIL.matcher(normalized).matches()
                ? Optional.empty()
                : Optional.of("email is not a valid address");
    }

    static Optional<String> password(String password) {
        int length = password.codePointCount(0, password.length());
        return length >= Limits.PASSWORD_MIN && length <= Limits.PASSWORD_MAX
                ? Optional.empty()
                : Optional.of("password must be " + Limits.PASSWORD_MIN + " to " + Limits.PASSWORD_MAX + " characters");
    }

    static Optional<String> text(String value, String field, int max) {
        if (value.isBlank()) {
            return Optional.of(field + " must not be empty");
        }
        return value.length() > max ? Optional.of(field + " must be at most " + max + " characters") : Optional.empty();
    }
}
