package io.messaging.ws;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids for Engine.IO sessions and recovery pids: 120 random bits, base64url. */
final class RandomIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {}

    static String next() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
