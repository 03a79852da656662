package io.messaging.core.model;

/** The value of a use case that succeeds with nothing to return. */
public enum Done {
    DONE
}
