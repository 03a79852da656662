package io.messaging.core.model;

import java.util.Objects;
import java.util.function.Function;

/** The result of a use case: a value, or a failure with a stable code and a human-readable message. */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    /** The use case did what was asked. */
    record Success<T>(T value) implements Outcome<T> {
        public Success {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The use case refused or could not complete; nothing was changed. */
    record Failure<T>(ErrorCode code, String message) implements Outcome<T> {
        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        /** The same failure, typed for another value. */
        @SuppressWarnings("unchecked")
        public <U> Failure<U> retyped() {
            return (Failure<U>) this;
        }
    }

    static <T> Outcome<T> ok(T value) {
        return new Success<>(value);
    }

    static <T> Outcome<T> fail(ErrorCode code, String message) {
        return new Failure<>(code, message);
    }

    static <T> Outcome<T> notFound(String what) {
        return fail(ErrorCode.NOT_FOUND, what + " not found");
    }

    static <T> Outcome<T> invalid(String message) {
        return fail(ErrorCode.VALIDATION_FAILED, message);
    }

    /** The value, transformed, or the same failure. */
    default <U> Outcome<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Success<T> success) {
            return ok(mapper.apply(success.value()));
        }
        return ((Failure<T>) this).retyped();
    }

    /** The next step's outcome, or the same failure. */
    default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> next) {
        if (this instanceof Success<T> success) {
            return next.apply(success.value());
        }
        return ((Failure<T>) this).retyped();
    }

    /** Whether this is a success. */
    default boolean isOk() {
        return this instanceof Success<T>;
    }

    /** The value of a success; throws {@link IllegalStateException} for a failure (for tests and examples). */
    default T orElseThrow() {
        if (this instanceof Success<T> success) {
            return success.value();
        }
        Failure<T> failure = (Failure<T>) this;
        throw new IllegalStateException(failure.code().wireCode() + ": " + failure.message());
    }
}
