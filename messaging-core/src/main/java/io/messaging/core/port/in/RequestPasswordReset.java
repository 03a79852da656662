package io.messaging.core.port.in;

import io.messaging.core.model.Done;
import io.messaging.core.model.Outcome;

/** Mails a password-reset link to the account with this email, if there is one. */
public interface RequestPasswordReset {

    /** Always succeeds for a syntactically valid email, so the answer never tells whether an account exists. */
    Outcome<Done> request(String email);
}
