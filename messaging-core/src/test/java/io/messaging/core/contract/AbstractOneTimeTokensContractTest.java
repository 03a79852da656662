package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.model.OneTimeToken;
import io.messaging.core.model.TokenPurpose;
import io.messaging.core.port.out.OneTimeTokens;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract of {@link OneTimeTokens}, run against every token store adapter. */
public abstract class AbstractOneTimeTokensContractTest extends StoreContract {

    protected AbstractOneTimeTokensContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    @Test
    void aTokenIsConsumedOnceForItsPurposeBeforeItExpires() {
        var alice = user("alice");
        var token = new OneTimeToken("hash-1", alice, TokenPurpose.ACTIVATION, T0.plusSeconds(60));
        stores.oneTimeTokens().save(token);

        assertEquals(Optional.empty(), stores.oneTimeTokens().consume("hash-1", TokenPurpose.PASSWORD_RESET, T0));
        assertEquals(Optional.of(token), stores.oneTimeTokens().consume("hash-1", TokenPurpose.ACTIVATION, T0));
        assertEquals(Optional.empty(), stores.oneTimeTokens().consume("hash-1", TokenPurpose.ACTIVATION, T0));
        assertEquals(Optional.empty(), stores.oneTimeTokens().consume("unknown", TokenPurpose.ACTIVATION, T0));
    }

    @Test
    void anExpiredTokenIsRefused() {
        var alice = user("alice");
        stores.oneTimeTokens().save(new OneTimeToken("hash-2", alice, TokenPurpose.PASSWORD_RESET, T0.plusSeconds(60)));

        assertEquals(
                Optional.empty(),
                stores.oneTimeTokens().consume("hash-2", TokenPurpose.PASSWORD_RESET, T0.plusSeconds(60)));
        assertEquals(Optional.empty(), stores.oneTimeTokens().consume("hash-2", TokenPurpose.PASSWORD_RESET, T0));
    }

    @Test
    void concurrentConsumersGetATokenAtMostOnce() throws Exception {
        var alice = user("alice");
        stores.oneTimeTokens().save(new OneTimeToken("hash-3", alice, TokenPurpose.ACTIVATION, T0.plusSeconds(60)));
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<OneTimeToken>>> consumers = IntStream.range(0, 16)
                    .<Callable<Optional<OneTimeToken>>>mapToObj(
                            i -> () -> stores.oneTimeTokens().consume("hash-3", TokenPurpose.ACTIVATION, T0))
                    .toList();
            long winners = 0;
            for (var future : pool.invokeAll(consumers)) {
                if (future.get().isPresent()) {
                    winners++;
                }
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }
}
