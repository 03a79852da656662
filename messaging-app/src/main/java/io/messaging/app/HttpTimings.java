package io.messaging.app;

import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how long each REST request took, by method and status class, into {@code http.server.requests}, and logs
 * one line per request at debug (method, path, status, time; never headers or bodies).
 */
@PreMatching
final class HttpTimings implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTimings.class);
    private static final String STARTED = HttpTimings.class.getName() + ".started";
    private final ServerMetrics metrics;

    HttpTimings(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            Timer timer = metrics.timer(
                    "http.server.requests",
                    "method",
                    request.getMethod(),
                    "status",
                    (response.getStatus() / 100) + "xx");
            long elapsed = System.nanoTime() - started;
            timer.record(elapsed, TimeUnit.NANOSECONDS);
            LOG.debug(
                    "{} /{} {} {} ms",
                    request.getMethod(),
                    request.getUriInfo().getPath(),
                    response.getStatus(),
                    TimeUnit.NANOSECONDS.toMillis(elapsed));
        }
    }
}
