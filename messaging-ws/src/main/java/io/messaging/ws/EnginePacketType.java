package io.messaging.ws;

import java.util.Optional;

/** The Engine.IO (protocol 4) packet types, each written as one digit in front of the packet's data. */
enum EnginePacketType {
    OPEN('0'),
    CLOSE('1'),
    PING('2'),
    PONG('3'),
    MESSAGE('4'),
    UPGRADE('5'),
    NOOP('6');

    private final char code;
    private final String alone;

    EnginePacketType(char code) {
        this.code = code;
        this.alone = String.valueOf(code);
    }

    /** The type a packet starting with {@code code} has, or empty for no Engine.IO type. */
    static Optional<EnginePacketType> of(char code) {
        int index = code - '0';
        return index >= 0 && index < VALUES.length ? Optional.of(VALUES[index]) : Optional.empty();
    }

    private static final EnginePacketType[] VALUES = values();

    /** The digit this type is written as. */
    char code() {
        return code;
    }

    /** A packet of this type without data. */
    String encode() {
        return alone;
    }

    /** A packet of this type carrying {@code data}. */
    String encode(String data) {
        return code + data;
    }
}
