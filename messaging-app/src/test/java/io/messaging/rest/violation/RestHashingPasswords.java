package io.messaging.rest.violation;

import io.messaging.core.port.out.PasswordHasher;

/** Breaks the out-port rule on purpose: a password hasher living in the REST adapter. */
public class RestHashingPasswords implements PasswordHasher {
    @Override
    public String hash(String password) {
        return password;
    }

    @Override
    public boolean matches(String password, String hash) {
        return password.equals(hash);
    }
}
