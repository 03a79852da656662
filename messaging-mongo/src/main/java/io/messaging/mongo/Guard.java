package io.messaging.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import io.messaging.core.port.out.StoreException;
import java.util.function.Supplier;

/** Keeps driver exceptions on this side of the ports: every failure leaves as a {@link StoreException}. */
final class Guard {
    private Guard() {}

    static <T> T call(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (MongoException e) {
            throw new StoreException("MongoDB " + what + " failed: " + e.getMessage(), e);
        }
    }

    static void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    /** Whether the write failed on a unique index, and which one (its name appears in the server's message). */
    static boolean isDuplicateOn(MongoException e, String index) {
        boolean duplicate = e instanceof MongoWriteException write
                ? write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                : e.getCode() == 11000;
        return duplicate && (index == null || String.valueOf(e.getMessage()).contains(index));
    }
}
