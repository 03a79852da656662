package io.messaging.core.service;

import static io.messaging.core.service.CoreFixture.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.ChangePassword;
import io.messaging.core.port.in.LogIn;
import io.messaging.core.port.in.RegisterUser;
import io.messaging.core.port.in.ResetPassword;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountsTest {
    private final CoreFixture fixture = new CoreFixture();

    private static RegisterUser.Command command(String username, String email, String password) {
        return new RegisterUser.Command(username, email, password, Optional.empty());
    }

    @Test
    void registersAnActiveUserWithNormalizedNames() {
        var user = fixture.core
                .registerUser()
                .register(new RegisterUser.Command(
                        " Alice.B ", "Alice@Example.com", "correct horse", Optional.of("Alice B")))
                .orElseThrow();

        assertEquals("alice.b", user.username());
        assertEquals("alice@example.com", user.email());
        assertEquals("Alice B", user.displayName());
        assertTrue(user.active());
        assertEquals(fixture.clock.now(), user.createdAt());
        assertTrue(fixture.mailer.sent().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
        "ab, ab@example.com, password1",
        "a-very-long-username-over-32-chars, long@example.com, password1",
        "bad name, bad@example.com, password1",
        "émile, emile@example.com, password1",
        "valid, not-an-email, password1",
        "valid, two@@example.com, password1",
        "valid, valid@example.com, short",
    })
    void rejectsInvalidFields(String username, String email, String password) {
        assertFailure(
                ErrorCode.VALIDATION_FAILED, fixture.core.registerUser().register(command(username, email, password)));
    }

    @Test
    void rejectsPasswordsOver128Characters() {
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core.registerUser().register(command("alice", "alice@example.com", "x".repeat(129))));
        assertTrue(fixture.core
                .registerUser()
                .register(command("alice", "alice@example.com", "x".repeat(128)))
                .isOk());
    }

    @Test
    void usernamesAndEmailsAreUniqueIgnoringCase() {
        fixture.register("alice");
        assertFailure(
                ErrorCode.CONFLICT,
                fixture.core.registerUser().register(command("ALICE", "other@example.com", "password1")));
        assertFailure(
                ErrorCode.CONFLICT,
                fixture.core.registerUser().register(command("other", "ALICE@example.com", "password1")));
    }

    @Test
    void logsInByUsernameOrEmailAndFailsAlikeForUnknownUserAndWrongPassword() {
        var alice = fixture.register("alice");

        var byName = fixture.core
                .logIn()
                .logIn(new LogIn.Command("Alice", "password-alice"))
                .orElseThrow();
        var byEmail = fixture.core
                .logIn()
                .logIn(new LogIn.Command("alice@example.com", "password-alice"))
                .orElseThrow();
        assertEquals(alice, byName.user());
        assertEquals(
                alice.id(),
                fixture.core
                        .authenticate()
                        .authenticate(byEmail.token())
                        .orElseThrow()
                        .id());

        var wrong = fixture.core.logIn().logIn(new LogIn.Command("alice", "wrong-password"));
        var unknown = fixture.core.logIn().logIn(new LogIn.Command("nobody", "wrong-password"));
        assertFailure(ErrorCode.UNAUTHORIZED, wrong);
        assertEquals(wrong, unknown);
        assertFailure(ErrorCode.UNAUTHORIZED, fixture.core.authenticate().authenticate("forged"));
    }

    @Test
    void activationByMailedSingleUseToken() {
        var strict = new CoreFixture(true);
        var user = strict.register("carol");
        assertFalse(user.active());
        assertFailure(
                ErrorCode.ACCOUNT_INACTIVE, strict.core.logIn().logIn(new LogIn.Command("carol", "password-carol")));
        assertFailure(ErrorCode.UNAUTHORIZED, strict.core.logIn().logIn(new LogIn.Command("carol", "bad-password")));

        String token = strict.mailer
                .last("activation", "carol@example.com")
                .orElseThrow()
                .token();
        assertTrue(strict.core.activateAccount().activate(token).orElseThrow().active());
        assertFailure(ErrorCode.NOT_FOUND, strict.core.activateAccount().activate(token));
        assertTrue(strict.core
                .logIn()
                .logIn(new LogIn.Command("carol", "password-carol"))
                .isOk());
    }

    @Test
    void activationTokensExpire() {
        var strict = new CoreFixture(true);
        strict.register("dave");
        String token = strict.mailer
                .last("activation", "dave@example.com")
                .orElseThrow()
                .token();
        strict.clock.advance(Duration.ofHours(49));
        assertFailure(ErrorCode.NOT_FOUND, strict.core.activateAccount().activate(token));
    }

    @Test
    void changesThePasswordGivenTheCurrentOne() {
        var alice = fixture.register("alice");
        assertFailure(
                ErrorCode.UNAUTHORIZED,
                fixture.core
                        .changePassword()
                        .change(new ChangePassword.Command(alice.id(), "wrong-password", "new-password")));
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core
                        .changePassword()
                        .change(new ChangePassword.Command(alice.id(), "password-alice", "short")));
        assertTrue(fixture.core
                .changePassword()
                .change(new ChangePassword.Command(alice.id(), "password-alice", "new-password"))
                .isOk());
        assertTrue(fixture.core
                .logIn()
                .logIn(new LogIn.Command("alice", "new-password"))
                .isOk());
        assertFailure(ErrorCode.UNAUTHORIZED, fixture.core.logIn().logIn(new LogIn.Command("alice", "password-alice")));
    }

    @Test
    void resetsAForgottenPasswordByMailedTokenWithoutTellingWhoExists() {
        fixture.register("alice");
        assertTrue(fixture.core
                .requestPasswordReset()
                .request("nobody@example.com")
                .isOk());
        assertTrue(fixture.mailer.sent().isEmpty());
        assertTrue(
                fixture.core.requestPasswordReset().request("ALICE@example.com").isOk());

        String token = fixture.mailer
                .last("password-reset", "alice@example.com")
                .orElseThrow()
                .token();
        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                fixture.core.resetPassword().reset(new ResetPassword.Command(token, "short")));
        assertTrue(fixture.core
                .resetPassword()
                .reset(new ResetPassword.Command(token, "brand-new-pass"))
                .isOk());
        assertFailure(
                ErrorCode.NOT_FOUND,
                fixture.core.resetPassword().reset(new ResetPassword.Command(token, "another-pass")));
        assertTrue(fixture.core
                .logIn()
                .logIn(new LogIn.Command("alice", "brand-new-pass"))
                .isOk());
    }

    @Test
    void searchesUsersLeavingOutTheViewer() {
        var alice = fixture.user("alice");
        fixture.user("alina");
        fixture.user("bob");
        var found = fixture.core.searchUsers().search(alice, "ali", 10).orElseThrow();
        assertEquals(1, found.size());
        assertEquals("alina", found.get(0).username());
        assertNotEquals(alice, found.get(0).id());
        assertFailure(ErrorCode.NOT_FOUND, fixture.core.viewUser().view(alice, UserId.of("nobody")));
    }
}
