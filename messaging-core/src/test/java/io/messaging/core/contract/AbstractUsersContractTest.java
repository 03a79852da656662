package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.model.User;
import io.messaging.core.model.UserAccount;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.Users;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract of {@link Users}, run against every user store adapter. */
public abstract class AbstractUsersContractTest extends StoreContract {

    protected AbstractUsersContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    @Test
    void storesAndFindsAnAccountByIdUsernameAndEmailIgnoringCase() {
        var account = account("alice");
        assertInstanceOf(Users.InsertOutcome.Inserted.class, stores.users().insert(account));

        assertEquals(Optional.of(account), stores.users().findById(account.id()));
        assertEquals(Optional.of(account), stores.users().findByUsername("ALICE"));
        assertEquals(Optional.of(account), stores.users().findByEmail("Alice@Example.COM"));
        assertEquals(Optional.empty(), stores.users().findByUsername("bob"));
        assertEquals(Optional.empty(), stores.users().findById(UserId.of("nobody")));
    }

    @Test
    void refusesATakenUsernameOrEmailWhateverTheCaseAndStoresNothing() {
        stores.users().insert(account("alice"));
        var sameName = account("alice");
        var upperName = new UserAccount(
                new User(UserId.of(uniqueId("u")), "ALICE", "other@example.com", "A", true, T0, Optional.empty()), "h");
        var sameEmail = new UserAccount(
                new User(UserId.of(uniqueId("u")), "alice2", "ALICE@example.com", "A", true, T0, Optional.empty()),
                "h");

        assertInstanceOf(Users.InsertOutcome.UsernameTaken.class, stores.users().insert(sameName));
        assertInstanceOf(Users.InsertOutcome.UsernameTaken.class, stores.users().insert(upperName));
        assertInstanceOf(Users.InsertOutcome.EmailTaken.class, stores.users().insert(sameEmail));
        assertEquals(Optional.empty(), stores.users().findById(sameEmail.id()));
        assertEquals(Optional.empty(), stores.users().findByEmail("other@example.com"));
    }

    @Test
    void concurrentRegistrationsOfOneUsernameStoreExactlyOne() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Users.InsertOutcome>> attempts = IntStream.range(0, 16)
                    .<Callable<Users.InsertOutcome>>mapToObj(i -> () -> stores.users()
                            .insert(new UserAccount(
                                    new User(
                                            UserId.of(uniqueId("u")),
                                            "racer",
                                            "racer" + i + "@example.com",
                                            "R",
                                            true,
                                            T0,
                                            Optional.empty()),
                                    "h")))
                    .toList();
            long inserted = 0;
            for (var future : pool.invokeAll(attempts)) {
                if (future.get() instanceof Users.InsertOutcome.Inserted) {
                    inserted++;
                }
            }
            assertEquals(1, inserted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findsUsersByIdsIgnoringUnknownOnes() {
        var alice = user("alice");
        var bob = user("bob");
        var found = stores.users().findByIds(List.of(alice, bob, UserId.of("unknown")));
        assertEquals(2, found.size());
        assertTrue(found.stream().map(User::id).toList().containsAll(List.of(alice, bob)));
    }

    @Test
    void searchMatchesUsernameOrDisplayNameOfActiveUsersPrefixFirst() {
        user("maria");
        user("annamaria");
        var inactive = new UserAccount(
                new User(UserId.of(uniqueId("u")), "mariadb", "db@example.com", "DB", false, T0, Optional.empty()),
                "h");
        stores.users().insert(inactive);
        var displayOnly = new UserAccount(
                new User(UserId.of(uniqueId("u")), "zed", "zed@example.com", "Big Maria", true, T0, Optional.empty()),
                "h");
        stores.users().insert(displayOnly);
        user("bob");

        List<String> names =
                stores.users().search("MARIA", 10).stream().map(User::username).toList();

        assertEquals("maria", names.get(0));
        assertEquals(3, names.size());
        assertTrue(names.containsAll(List.of("annamaria", "zed")));
        assertEquals(1, stores.users().search("maria", 1).size());
    }

    @Test
    void activatesIdempotently() {
        var inactive = new UserAccount(
                new User(UserId.of(uniqueId("u")), "carol", "carol@example.com", "C", false, T0, Optional.empty()),
                "h");
        stores.users().insert(inactive);

        assertTrue(stores.users().activate(inactive.id()).orElseThrow().active());
        assertTrue(stores.users().activate(inactive.id()).orElseThrow().active());
        assertTrue(stores.users().findById(inactive.id()).orElseThrow().user().active());
        assertEquals(Optional.empty(), stores.users().activate(UserId.of("unknown")));
    }

    @Test
    void updatesPasswordHashAndLastSeen() {
        var alice = user("alice");
        Instant seen = T0.plusSeconds(60);

        assertTrue(stores.users().updatePasswordHash(alice, "new-hash"));
        stores.users().updateLastSeen(alice, seen);

        var stored = stores.users().findById(alice).orElseThrow();
        assertEquals("new-hash", stored.passwordHash());
        assertEquals(Optional.of(seen), stored.user().lastSeenAt());
        assertFalse(stores.users().updatePasswordHash(UserId.of("unknown"), "x"));
        stores.users().updateLastSeen(UserId.of("unknown"), seen);
    }

    @Test
    void aNewAccountStartsAtTokenVersionZeroAndEachPasswordChangeIncrementsIt() {
        var alice = user("alice");
        assertEquals(0, stores.users().findById(alice).orElseThrow().tokenVersion());

        assertTrue(stores.users().updatePasswordHash(alice, "second-hash"));
        assertEquals(1, stores.users().findById(alice).orElseThrow().tokenVersion());
        stores.users().activate(alice);
        stores.users().updateLastSeen(alice, T0.plusSeconds(5));
        assertTrue(stores.users().updatePasswordHash(alice, "third-hash"));

        var stored = stores.users().findById(alice).orElseThrow();
        assertEquals(2, stored.tokenVersion());
        assertEquals("third-hash", stored.passwordHash());
        assertEquals(2, stores.users().findByUsername("alice").orElseThrow().tokenVersion());
    }
}
