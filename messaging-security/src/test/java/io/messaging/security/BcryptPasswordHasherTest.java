package io.messaging.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bcrypt hasher on its own, as an embedder without a web framework uses it. */
class BcryptPasswordHasherTest {
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = hasher.hash("correct horse");
        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertTrue(hasher.matches("correct horse", hash));
        assertFalse(hasher.matches("correct horsf", hash));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
    }

    @Test
    void charactersBeyondBcryptsSeventyTwoBytesStillCount() {
        String base = "x".repeat(100);
        String hash = hasher.hash(base + "a");
        assertFalse(hasher.matches(base + "b", hash));
    }

    @Test
    void aMalformedHashMatchesNothing() {
        assertFalse(hasher.matches("anything", "not-a-bcrypt-hash"));
    }

    @Test
    void aCostOutsideBcryptsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BcryptPasswordHasher(3));
        assertThrows(IllegalArgumentException.class, () -> new BcryptPasswordHasher(32));
    }
}
