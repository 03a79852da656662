package io.messaging.app;

import org.glassfish.grizzly.http.HttpResponsePacket;

/**
 * The security headers of every HTTP answer: {@code nosniff}, no referrer, no framing, and a Content-Security-Policy
 * chosen by path (the web client's pages load only their own scripts and styles; API answers and attachments load
 * nothing and run sandboxed). A header a handler set itself is kept.
 */
final class SecurityHeaders {
    static final String WEB_CLIENT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' ws: wss:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
    static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "object-src 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    static void apply(HttpResponsePacket response) {
        if (response.isCommitted() || response.getStatus() == 101) {
            return;
        }
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "Referrer-Policy", "no-referrer");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(
                response,
                "Content-Security-Policy",
                policyFor(response.getRequest().getRequestURI()));
    }

    static String policyFor(String path) {
        if (path == null) {
            return API_POLICY;
        }
        if (path.startsWith("/api/docs")) {
            return DOCS_POLICY;
        }
        if (path.startsWith("/api/")
                || path.equals("/api")
                || path.startsWith("/metrics")
                || path.startsWith("/socket.io")) {
            return API_POLICY;
        }
        return WEB_CLIENT_POLICY;
    }

    private static void setIfAbsent(HttpResponsePacket response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
