package io.messaging.redis;

/**
 * The position in the shared event stream of the event being handed to subscribers on this thread, so that the
 * recovery store gives each of its broadcasts the same offset on every node: the stream id's milliseconds and
 * sequence, then a count of the broadcasts recorded for this event so far.
 */
final class DispatchPosition {
    /** Bits for the broadcasts of one event. */
    static final int BROADCAST_BITS = 6;
    /** Bits for the stream sequence within a millisecond, plus the broadcasts. */
    static final int SEQUENCE_BITS = 16 + BROADCAST_BITS;

    private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

    private DispatchPosition() {}

    /** The base offset of a stream entry {@code ms-seq}. */
    static long baseOf(String streamId) {
        int dash = streamId.indexOf('-');
        long millis = Long.parseLong(streamId.substring(0, dash));
        long sequence = Long.parseLong(streamId.substring(dash + 1));
        return (millis << SEQUENCE_BITS) | ((sequence & 0xFFFF) << BROADCAST_BITS);
    }

    /** The stream id an offset is stored under in the recovery log: unique and in the offsets' order. */
    static String idOf(long offset) {
        return (offset >>> SEQUENCE_BITS) + "-" + (offset & ((1L << SEQUENCE_BITS) - 1));
    }

    static long offsetOf(String id) {
        int dash = id.indexOf('-');
        return (Long.parseLong(id.substring(0, dash)) << SEQUENCE_BITS) | Long.parseLong(id.substring(dash + 1));
    }

    static void enter(String streamId) {
        CURRENT.set(new long[] {baseOf(streamId), 0});
    }

    static void leave() {
        CURRENT.remove();
    }

    /** The next broadcast's offset for the event being dispatched here, or 0 outside a dispatch. */
    static long nextBroadcast() {
        long[] position = CURRENT.get();
        if (position == null || position[1] >= (1L << BROADCAST_BITS) - 1) {
            return 0;
        }
        return position[0] + ++position[1];
    }
}
