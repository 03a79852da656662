package io.messaging.core.port.in;

import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;
import java.util.Objects;

/** Changes a signed-in user's password, given the current one. */
public interface ChangePassword {

    /** The user and both passwords. */
    record Command(UserId userId, String currentPassword, String newPassword) {
        public Command {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(currentPassword, "currentPassword");
            Objects.requireNonNull(newPassword, "newPassword");
        }
    }

    /** Failures: {@code unauthorized} for a wrong current password, {@code validation_failed} for a bad new one. */
    Outcome<User> change(Command command);
}
