package io.messaging.core.port.in;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits how often something may be attempted per key (a client address, an account) in a window, across every
 * node that shares the attempt counts: the brake on password guessing and sign-up floods.
 */
public interface LimitAttempts {

    /**
     * Takes one attempt for {@code key} under {@code permits} per {@code window}: empty when it is allowed, else how
     * long until the window ends. Never null arguments; {@code permits} at least 1.
     */
    Optional<Duration> attempt(String key, int permits, Duration window);
}
