package io.messaging.rest;

/**
 * What this server offers that a client shows or hides, answered by {@code GET /api/config}: whether mails
 * (activation, password reset) can be delivered and whether Web Push is available.
 */
public record ClientConfig(boolean mail, boolean push) {
    /** Neither mail nor push. */
    public static final ClientConfig NONE = new ClientConfig(false, false);

    public ClientConfig withMail(boolean available) {
        return new ClientConfig(available, push);
    }

    public ClientConfig withPush(boolean available) {
        return new ClientConfig(mail, available);
    }
}
