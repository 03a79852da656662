package io.messaging.core.service;

import io.messaging.core.model.Envelope;
import io.messaging.core.model.OneTimePreKey;
import io.messaging.core.model.SignedPreKey;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.RegisterDevice;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The shape rules of end-to-end encryption's public material: keys, key ids, device ids and envelopes. */
final class KeyRules {
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private KeyRules() {}

    static boolean deviceId(String value) {
        return DEVICE_ID.matcher(value).matches();
    }

    /** Whether the text is base64url (padding allowed) of 1 to {@code max} characters. */
    static boolean base64url(String value, int max) {
        return !value.isEmpty()
                && value.length() <= max
                && BASE64URL.matcher(value).matches();
    }

    static Optional<String> device(RegisterDevice.Command command) {
        if (command.name().strip().length() > Limits.DEVICE_NAME_MAX) {
            return Optional.of("name must be at most " + Limits.DEVICE_NAME_MAX + " characters");
        }
        return key("identityKey", command.identityKey())
                .or(() -> signedPreKey(command.signedPreKey()))
                .or(() -> oneTimePreKeys(command.oneTimePreKeys()));
    }

    static Optional<String> oneTimePreKeys(List<OneTimePreKey> keys) {
        if (keys.size() > Limits.PREKEYS_PER_UPLOAD_MAX) {
            return Optional.of("at most " + Limits.PREKEYS_PER_UPLOAD_MAX + " oneTimePreKeys per upload");
        }
        var ids = new HashSet<Long>();
        for (OneTimePreKey key : keys) {
            var problem = keyId("oneTimePreKeys.keyId", key.keyId())
                    .or(() -> key("oneTimePreKeys.publicKey", key.publicKey()));
            if (problem.isPresent()) {
                return problem;
            }
            if (!ids.add(key.keyId())) {
                return Optional.of("oneTimePreKeys has key id " + key.keyId() + " twice");
            }
        }
        return Optional.empty();
    }

    /** The problem with an encrypted message's envelopes, if any. */
    static Optional<String> envelopes(Map<String, Envelope> envelopes) {
        if (envelopes.isEmpty() || envelopes.size() > Limits.ENVELOPES_MAX) {
            return Optional.of("an encrypted message needs 1 to " + Limits.ENVELOPES_MAX + " envelopes");
        }
        for (var entry : envelopes.entrySet()) {
            if (!deviceId(entry.getKey())) {
                return Optional.of("envelopes must be keyed by deviceIds of 1 to 64 characters of [A-Za-z0-9_-]");
            }
            if (!base64url(entry.getValue().body(), Limits.ENVELOPE_BODY_MAX)) {
                return Optional.of(
                        "an envelope body must be base64url of 1 to " + Limits.ENVELOPE_BODY_MAX + " characters");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> signedPreKey(SignedPreKey key) {
        return keyId("signedPreKey.keyId", key.keyId())
                .or(() -> key("signedPreKey.publicKey", key.publicKey()))
                .or(() -> key("signedPreKey.signature", key.signature()));
    }

    private static Optional<String> keyId(String field, long keyId) {
        return keyId >= 0 && keyId <= Limits.PREKEY_ID_MAX
                ? Optional.empty()
                : Optional.of(field + " must be a whole number from 0 to " + Limits.PREKEY_ID_MAX);
    }

    private static Optional<String> key(String field, String value) {
        return base64url(value, Limits.KEY_MAX)
                ? Optional.empty()
                : Optional.of(field + " must be base64url of 1 to " + Limits.KEY_MAX + " characters");
    }
}
