package io.messaging.core.service;

import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.TokenPurpose;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ActivateAccount;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.RegisterUser;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.IdGenerator;
import io.messaging.core.port.out.Mailer;
import io.messaging.core.port.out.OneTimeTokens;
import io.messaging.core.port.out.PasswordHasher;
import io.messaging.core.port.out.Users;
import java.time.Duration;
import java.util.Optional;

/** Registers accounts and activates them with mailed single-use tokens. */
public final class AccountRegistration implements RegisterUser, ActivateAccount {
    private final Users users;
    private final OneTimeTokens tokens;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final Clock clock;
    private final IdGenerator ids;
    private final boolean activationRequired;
    private final Duration activationValidity;

    public AccountRegistration(
            Users users,
            OneTimeTokens tokens,
            PasswordHasher hasher,
            Mailer mailer,
            Clock clock,
            IdGenerator ids,
            boolean activationRequired,
            Duration activationValidity) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.mailer = mailer;
        this.clock = clock;
        this.ids = ids;
        this.activationRequired = activationRequired;
        this.activationValidity = activationValidity;
    }

    @Override
    public Outcome<User> register(Command command) {
        String username = Validation.normalizeUsername(command.username());
        String email = Validation.normalizeEmail(command.email());
        String displayName = command.displayName()
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .orElse(username);
        Optional<String> problem = Validation.username(username)
                .or(() -> Validation.email(email))
                .or(() -> Validation.password(command.password()))
                .or(() -> Validation.text(displayName, "displayName", Limits.DISPLAY_NAME_MAX));
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        var user = new User(
                UserId.of(ids.newId()),
                username,
                email,
                displayName,
                !activationRequired,
                clock.now(),
                Optional.empty());
        var inserted = users.insert(new UserAccount(user, hasher.hash(command.password())));
        if (inserted instanceof Users.InsertOutcome.UsernameTaken) {
            return Outcome.fail(ErrorCode.CONFLICT, "username is taken");
        }
        if (inserted instanceof Users.InsertOutcome.EmailTaken) {
            return Outcome.fail(ErrorCode.CONFLICT, "email is already registered");
        }
        if (activationRequired) {
            String secret = SecretTokens.issue(
                    tokens, user.id(), TokenPurpose.ACTIVATION, clock.now().plus(activationValidity));
            mailer.sendActivation(user, secret);
        }
        return Outcome.ok(user);
    }

    @Override
    public Outcome<User> activate(String token) {
        return tokens.consume(SecretTokens.hash(token), TokenPurpose.ACTIVATION, clock.now())
                .flatMap(found -> users.activate(found.userId()))
                .<Outcome<User>>map(Outcome::ok)
                .orElseGet(() -> Outcome.notFound("activation token"));
    }
}
