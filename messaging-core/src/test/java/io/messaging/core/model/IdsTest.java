package io.messaging.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "Z",
                "0",
                "_",
                "-",
                "01hx3k9v7q2m8r4t6w0y1z5abc",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void urlSafeIdsOfOneTo64CharactersAreTaken(String value) {
        assertEquals(value, ConversationId.of(value).value());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "a b",
                "a.b",
                "a/b",
                "é",
                "a\u0000",
                "[",
                "`",
                "{",
                "@",
                ":",
                "/"
            })
    void anythingElseIsRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> ConversationId.of(value));
    }

    @Test
    void nullIsRefused() {
        assertThrows(NullPointerException.class, () -> ConversationId.of(null));
    }
}
