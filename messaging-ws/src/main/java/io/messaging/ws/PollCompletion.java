package io.messaging.ws;

import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.http.server.Response;

/** Tells the session when a held poll's connection is cancelled. */
final class PollCompletion implements CompletionHandler<Response> {
    private final EngineSession session;

    PollCompletion(EngineSession session) {
        this.session = session;
    }

    @Override
    public void cancelled() {
        // the response is unknown here; the next poll or the heartbeat settles the session
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
