package io.messaging.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the wire writes them, ISO-8601 in UTC with milliseconds ({@code 2026-11-24T09:00:00.000Z}). Years 1
 * to 9999 are written field by field, as every message carries one and the formatter's fraction of a second goes
 * through {@code BigDecimal}; others by the formatter.
 */
final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** The instant as the wire writes it. */
    static String write(Instant instant) {
        var time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 1 || year > 9999) {
            return FORMAT.format(instant);
        }
        byte[] text = new byte[24];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, time.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** Writes {@code value} as {@code count} decimal digits, zero-padded, at {@code at}. */
    private static void digits(byte[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
