package io.messaging.core.port.out;

import io.messaging.core.model.User;

/**
 * Sends account mails. The adapter owns the wording and builds links from the token (for example to the web
 * client's host). May block while sending; throws {@link StoreException} when mail cannot be handed over.
 */
public interface Mailer {

    /** Mails the user a link that activates their account with {@code token}. */
    void sendActivation(User user, String token);

    /** Mails the user a link that lets them choose a new password with {@code token}. */
    void sendPasswordReset(User user, String token);
}
