package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import java.util.Objects;

/** Exchanges a username or email and a password for a bearer token. */
public interface LogIn {

    /** The credentials; {@code login} is a username or an email. */
    record Command(String login, String password) {
        public Command {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(password, "password");
        }
    }

    /** A successful login. */
    record SignedIn(String token, long expiresInSeconds, User user) {}

    /**
     * Failures: {@code unauthorized} alike for an unknown user and a wrong password (with the same work done, so
     * timing does not tell them apart); {@code account_inactive} for a correct password on an inactive account.
     */
    Outcome<SignedIn> logIn(Command command);
}
