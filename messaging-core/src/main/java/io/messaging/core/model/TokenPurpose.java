package io.messaging.core.model;

/** What a one-time token sent by mail is good for. */
public enum TokenPurpose {
    ACTIVATION,
    PASSWORD_RESET
}
