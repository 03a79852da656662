package io.messaging.core.port.out;

/** Makes new unique identifiers. Thread-safe. */
public interface IdGenerator {

    /** A new identifier of 1 to 64 characters of {@code [A-Za-z0-9_-]}, unique across nodes and restarts. */
    String newId();
}
