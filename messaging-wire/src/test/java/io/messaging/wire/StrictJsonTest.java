package io.messaging.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One JSON value and nothing after it, no repeated key, valid UTF-8 and UTF-16: each refusal named. */
class StrictJsonTest {
    private static String refusal(String json) {
        return assertThrows(StrictJson.Invalid.class, () -> StrictJson.parse(json), json)
                .getMessage();
    }

    @Test
    void refusesEachKindOfLenientInputByName() {
        assertTrue(refusal("{\"a\":1}xyz").contains("after its value"));
        assertTrue(refusal("{\"a\":1} 2").contains("after its value"));
        assertTrue(refusal("[1] [2]").contains("after its value"));
        assertTrue(refusal("{\"a\":1,\"a\":2}").contains("key twice"));
        String nested = refusal("{\"a\":{\"b\":1,\"b\":1}}");
        assertTrue(nested.contains("key twice"), nested);
        String lone = refusal("[\"\\ud800\"]");
        assertTrue(lone.contains("surrogate"), lone);
        assertTrue(!refusal("{\"\\udc00\":1}").isEmpty(), "a lone surrogate in a key");
        assertTrue(refusal("\"x\\ud800\"").contains("surrogate"));
        assertTrue(refusal("{").contains("not valid JSON"));
        assertTrue(refusal("").contains("empty"));
        var badUtf8 =
                assertThrows(StrictJson.Invalid.class, () -> StrictJson.parse(new byte[] {'"', (byte) 0xFF, '"'}));
        assertTrue(badUtf8.getMessage().contains("UTF-8"), badUtf8.getMessage());
    }

    @Test
    void acceptsStrictJsonWithPairedSurrogatesAndTrailingWhitespace() throws Exception {
        assertEquals(
                "\uD83D\uDE00",
                StrictJson.parse("{\"e\":\"\\ud83d\\ude00\"} \n").get("e").asText());
        assertEquals(
                2,
                StrictJson.parse("[1,{\"a\":[1,2]}]".getBytes(StandardCharsets.UTF_8))
                        .size());
        assertEquals(
                "é", StrictJson.parse("\"é\"".getBytes(StandardCharsets.UTF_8)).asText());
    }
}
