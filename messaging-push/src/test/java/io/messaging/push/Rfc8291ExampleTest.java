package io.messaging.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The encryption reproduces RFC 8291's own example (Appendix A) byte for byte. */
class Rfc8291ExampleTest {
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
            + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
            + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private static byte[] decode(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url);
    }

    @Test
    void theAppendixExampleIsReproducedByteForByte() {
        var asKeys = new KeyPair(EcKeys.publicKey(decode(AS_PUBLIC)), EcKeys.privateKey(decode(AS_PRIVATE)));

        byte[] body = PayloadEncryption.encrypt(
                PLAINTEXT.getBytes(StandardCharsets.UTF_8),
                decode(UA_PUBLIC),
                decode(AUTH_SECRET),
                asKeys,
                decode(SALT));

        assertEquals(BODY, Base64.getUrlEncoder().withoutPadding().encodeToString(body));
    }

    @Test
    void theAppendixKeysRoundTripThroughTheirRawForms() {
        var keys = VapidKeys.parse(AS_PUBLIC, AS_PRIVATE);

        assertEquals(AS_PUBLIC, keys.publicKeyBase64Url());
        assertEquals(AS_PRIVATE, keys.privateKeyBase64Url());
    }
}
