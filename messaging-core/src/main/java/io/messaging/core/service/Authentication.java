package io.messaging.core.service;

import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.port.in.Authenticate;
import io.messaging.core.port.in.LogIn;
import io.messaging.core.port.out.PasswordHasher;
import io.messaging.core.port.out.TokenIssuer;
import io.messaging.core.port.out.Users;
import java.util.Optional;

/** Logs users in with a password and resolves the bearer tokens it issued. */
public final class Authentication implements LogIn, Authenticate {
    private static final String BAD_CREDENTIALS = "invalid login or password";

    private final Users users;
    private final PasswordHasher hasher;
    private final TokenIssuer tokenIssuer;
    /**
     * Checked against when the login is unknown, so that case costs the same time as a wrong password. Made on
     * the first unknown login rather than at startup, where a hash at full cost would delay every start.
     */
    private volatile String decoyHash;

    public Authentication(Users users, PasswordHasher hasher, TokenIssuer tokenIssuer) {
        this.users = users;
        this.hasher = hasher;
        this.tokenIssuer = tokenIssuer;
    }

    private String decoyHash() {
        String decoy = decoyHash;
        if (decoy == null) {
            decoy = hasher.hash("decoy-password-never-matches");
            decoyHash = decoy;
        }
        return decoy;
    }

    @Override
    public Outcome<SignedIn> logIn(Command command) {
        String login = command.login().trim();
        Optional<UserAccount> account = login.contains("@")
                ? users.findByEmail(Validation.normalizeEmail(login))
                : users.findByUsername(Validation.normalizeUsername(login));
        if (account.isEmpty()) {
            hasher.matches(command.password(), decoyHash());
            return Outcome.fail(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        if (!hasher.matches(command.password(), account.get().passwordHash())) {
            return Outcome.fail(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        User user = account.get().user();
        if (!user.active()) {
            return Outcome.fail(ErrorCode.ACCOUNT_INACTIVE, "the account is not activated yet");
        }
        var issued = tokenIssuer.issue(user.id(), account.get().tokenVersion());
        return Outcome.ok(new SignedIn(issued.token(), issued.expiresInSeconds(), user));
    }

    @Override
    public Outcome<User> authenticate(String bearerToken) {
        return tokenIssuer
                .verify(bearerToken)
                .flatMap(verified -> users.findById(verified.userId())
                        .filter(account -> account.tokenVersion() == verified.tokenVersion()))
                .map(UserAccount::user)
                .filter(User::active)
                .<Outcome<User>>map(Outcome::ok)
                .orElseGet(() -> Outcome.fail(ErrorCode.UNAUTHORIZED, "missing, invalid or expired token"));
    }
}
