package io.messaging.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.rest.ByteRange.Requested;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static Requested part(long first, long last) {
        return new Requested.Part(new ByteRange(first, last));
    }

    @Test
    void resolvesTheThreeFormsAgainstTheSize() {
        assertEquals(part(0, 99), ByteRange.parse("bytes=0-99", 1000));
        assertEquals(part(100, 999), ByteRange.parse("bytes=100-", 1000));
        assertEquals(part(950, 999), ByteRange.parse("bytes=-50", 1000));
        assertEquals(part(0, 999), ByteRange.parse("bytes=-5000", 1000));
        assertEquals(part(990, 999), ByteRange.parse("bytes=990-5000", 1000));
        assertEquals(part(5, 5), ByteRange.parse(" BYTES=5-5 ", 1000));
        assertEquals(part(0, 999), ByteRange.parse("bytes=0-99999999999999999999999", 1000));
    }

    @Test
    void aRangeFromPastTheEndCannotBeSatisfied() {
        assertEquals(new Requested.Unsatisfiable(), ByteRange.parse("bytes=1000-", 1000));
        assertEquals(new Requested.Unsatisfiable(), ByteRange.parse("bytes=1000-2000", 1000));
        assertEquals(new Requested.Unsatisfiable(), ByteRange.parse("bytes=-0", 1000));
        assertEquals(new Requested.Unsatisfiable(), ByteRange.parse("bytes=0-", 0));
        assertEquals(new Requested.Unsatisfiable(), ByteRange.parse("bytes=99999999999999999999999-", 1000));
    }

    @Test
    void whatIsNotOneByteRangeAsksForTheWhole() {
        for (String header : new String[] {
            null,
            "",
            "items=0-5",
            "bytes=",
            "bytes=-",
            "bytes=5-1",
            "bytes=a-b",
            "bytes=0-1,5-9",
            "bytes=1-2-3",
            "bytes=0x10-"
        }) {
            assertEquals(new Requested.Whole(), ByteRange.parse(header, 1000), String.valueOf(header));
        }
    }

    @Test
    void writesItsContentRange() {
        assertEquals("bytes 0-99/1000", new ByteRange(0, 99).contentRange(1000));
        assertEquals(100, new ByteRange(0, 99).length());
    }
}
