package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import java.util.Objects;

/** Sets a new password with a single-use reset token. */
public interface ResetPassword {

    /** The mailed token and the new password. */
    record Command(String token, String newPassword) {
        public Command {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(newPassword, "newPassword");
        }
    }

    /** Failures: {@code not_found} for an unknown, used or expired token; {@code validation_failed}. */
    Outcome<User> reset(Command command);
}
