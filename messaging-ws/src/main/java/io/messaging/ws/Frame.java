package io.messaging.ws;

/**
 * One encoded Engine.IO packet ready to send, shared by every recipient of a broadcast. Droppable frames (typing,
 * presence) are the first to go when a connection falls behind.
 */
record Frame(String text, boolean droppable) {
    static Frame of(String text) {
        return new Frame(text, false);
    }

    static Frame droppable(String text) {
        return new Frame(text, true);
    }
}
