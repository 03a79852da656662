package io.messaging.core.port.out;

/** Hashes passwords with a slow, salted algorithm. Thread-safe; never returns or logs the password. */
public interface PasswordHasher {

    /** A self-describing hash (algorithm, parameters and salt included) of the password. */
    String hash(String password);

    /** Whether the password matches a hash made by {@link #hash}; false (never an exception) for a foreign hash. */
    boolean matches(String password, String hash);
}
