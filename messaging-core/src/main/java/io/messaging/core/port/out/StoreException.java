package io.messaging.core.port.out;

/**
 * A store could not do its work (unreachable, timed out, I/O failure). Store adapters translate their own
 * exceptions into this one, so no driver type crosses a port; adapters at the edge report it as
 * {@code unavailable}. Nothing was changed when it is thrown from a write, unless the port says otherwise.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
