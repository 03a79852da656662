package io.messaging.core.model;

/** The stable failure codes every adapter reports to clients. */
public enum ErrorCode {
    VALIDATION_FAILED("validation_failed"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not_found"),
    CONFLICT("conflict"),
    ACCOUNT_INACTIVE("account_inactive"),
    PAYLOAD_TOO_LARGE("payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    RATE_LIMITED("rate_limited"),
    /** Plaintext (or a message that is not of type encrypted) sent to an end-to-end encrypted conversation. */
    ENCRYPTION_REQUIRED("encryption_required"),
    UNAVAILABLE("unavailable");

    private final String wireCode;

    ErrorCode(String wireCode) {
        this.wireCode = wireCode;
    }

    /** The snake_case code used on the wire. */
    public String wireCode() {
        return wireCode;
    }
}
