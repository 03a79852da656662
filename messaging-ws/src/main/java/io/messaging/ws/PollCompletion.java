package io.messaging.ws;

import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.http.server.Response;

/** Tells the session when a held poll's connection is dropped or fails before it was answered. */
final class PollCompletion implements CompletionHandler<Response> {
    private final EngineSession session;
    private final Response poll;

    PollCompletion(EngineSession session, Response poll) {
        this.session = session;
        this.poll = poll;
    }

    @Override
    public void cancelled() {
        session.pollDropped(poll);
    }

    @Override
    public void failed(Throwable throwable) {
        session.close("transport error", false);
    }

    @Override
    public void completed(Response result) {
        // answered normally
    }

    @Override
    public void updated(Response result) {
        // nothing to track
    }
}
