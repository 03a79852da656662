package io.messaging.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.NewAttachment;
import io.messaging.core.port.out.Attachments;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contract of {@link Attachments}, run against every attachment store adapter. */
public abstract class AbstractAttachmentsContractTest extends StoreContract {

    protected AbstractAttachmentsContractTest(StoreAdapter adapter) {
        super(adapter);
    }

    @Test
    void storesStreamsAndFindsBytes() throws Exception {
        var alice = user("alice");
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        var id = AttachmentId.of(uniqueId("a"));

        var stored = stores.attachments()
                .store(new NewAttachment(id, alice, "image/png", T0), new ByteArrayInputStream(bytes), 1_000_000);

        var expected = new AttachmentMeta(id, alice, "image/png", bytes.length, T0);
        assertEquals(new Attachments.StoreOutcome.Stored(expected), stored);
        assertEquals(Optional.of(expected), stores.attachments().find(id));
        try (InputStream in = stores.attachments().open(id).orElseThrow()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void opensTheBytesFromAnyOffset() throws Exception {
        var alice = user("alice");
        byte[] bytes = new byte[700_000];
        new Random(11).nextBytes(bytes);
        var id = AttachmentId.of(uniqueId("a"));
        stores.attachments()
                .store(new NewAttachment(id, alice, "audio/webm", T0), new ByteArrayInputStream(bytes), 1_000_000);

        for (long offset : new long[] {0, 1, 255_999, 256_000, 256_001, 699_999}) {
            try (InputStream in = stores.attachments().open(id, offset).orElseThrow()) {
                assertArrayEquals(
                        Arrays.copyOfRange(bytes, (int) offset, bytes.length), in.readAllBytes(), "from " + offset);
            }
        }
        for (long offset : new long[] {700_000, 5_000_000}) {
            try (InputStream in = stores.attachments().open(id, offset).orElseThrow()) {
                assertEquals(-1, in.read(), "from " + offset);
            }
        }
        assertEquals(Optional.empty(), stores.attachments().open(AttachmentId.of("unknown"), 10));
    }

    @Test
    void refusesContentOverTheLimitAndKeepsNothing() {
        var alice = user("alice");
        var id = AttachmentId.of(uniqueId("a"));

        var outcome = stores.attachments()
                .store(
                        new NewAttachment(id, alice, "application/pdf", T0),
                        new ByteArrayInputStream(new byte[101]),
                        100);

        assertInstanceOf(Attachments.StoreOutcome.TooLarge.class, outcome);
        assertEquals(Optional.empty(), stores.attachments().find(id));
        assertEquals(Optional.empty(), stores.attachments().open(id));
    }

    @Test
    void acceptsContentExactlyAtTheLimit() {
        var alice = user("alice");
        var id = AttachmentId.of(uniqueId("a"));
        var outcome = stores.attachments()
                .store(new NewAttachment(id, alice, "text/plain", T0), new ByteArrayInputStream(new byte[100]), 100);
        assertInstanceOf(Attachments.StoreOutcome.Stored.class, outcome);
    }

    @Test
    void knowsNothingOfUnknownIds() {
        assertEquals(Optional.empty(), stores.attachments().find(AttachmentId.of("unknown")));
        assertEquals(Optional.empty(), stores.attachments().open(AttachmentId.of("unknown")));
    }
}
