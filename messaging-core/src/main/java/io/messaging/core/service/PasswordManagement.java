package io.messaging.core.service;

import io.messaging.core.model.DomainEvent;
import io.messaging.core.model.Done;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.TokenPurpose;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ChangePassword;
import io.messaging.core.port.in.RequestPasswordReset;
import io.messaging.core.port.in.ResetPassword;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.Mailer;
import io.messaging.core.port.out.OneTimeTokens;
import io.messaging.core.port.out.PasswordHasher;
import io.messaging.core.port.out.Users;
import java.time.Duration;

/** Changes passwords, and resets forgotten ones through mailed single-use tokens; either revokes earlier tokens. */
public final class PasswordManagement implements ChangePassword, RequestPasswordReset, ResetPassword {
    private final Users users;
    private final OneTimeTokens tokens;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final Clock clock;
    private final Duration resetValidity;
    private final EventBus events;

    public PasswordManagement(
            Users users,
            OneTimeTokens tokens,
            PasswordHasher hasher,
            Mailer mailer,
            Clock clock,
            Duration resetValidity,
            EventBus events) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.mailer = mailer;
        this.clock = clock;
        this.resetValidity = resetValidity;
        this.events = events;
    }

    @Override
    public Outcome<User> change(ChangePassword.Command command) {
        var account = users.findById(command.userId());
        if (account.isEmpty()
                || !hasher.matches(command.currentPassword(), account.get().passwordHash())) {
            return Outcome.fail(ErrorCode.UNAUTHORIZED, "the current password is wrong");
        }
        return storeNewPassword(command.userId(), command.newPassword());
    }

    @Override
    public Outcome<Done> request(String email) {
        String normalized = Validation.normalizeEmail(email);
        var problem = Validation.email(normalized);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        users.findByEmail(normalized).map(UserAccount::user).ifPresent(user -> {
            String secret = SecretTokens.issue(
                    tokens, user.id(), TokenPurpose.PASSWORD_RESET, clock.now().plus(resetValidity));
            mailer.sendPasswordReset(user, secret);
        });
        return Outcome.ok(Done.DONE);
    }

    @Override
    public Outcome<User> reset(ResetPassword.Command command) {
        var problem = Validation.password(command.newPassword());
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        return tokens.consume(SecretTokens.hash(command.token()), TokenPurpose.PASSWORD_RESET, clock.now())
                .map(token -> storeNewPassword(token.userId(), command.newPassword()))
                .orElseGet(() -> Outcome.notFound("reset token"));
    }

    private Outcome<User> storeNewPassword(UserId userId, String newPassword) {
        var problem = Validation.password(newPassword);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        if (!users.updatePasswordHash(userId, hasher.hash(newPassword))) {
            return Outcome.notFound("user");
        }
        events.publish(new DomainEvent.TokensRevoked(userId));
        return users.findById(userId)
                .map(UserAccount::user)
                .<Outcome<User>>map(Outcome::ok)
                .orElseGet(() -> Outcome.notFound("user"));
    }
}
