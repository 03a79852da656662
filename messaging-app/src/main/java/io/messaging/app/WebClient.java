package io.messaging.app;

import io.messaging.rest.RestApi;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.MimeType;

/**
 * The web client's files from the jar's {@code /web/} directory, answering {@code HEAD} as well as {@code GET}, and
 * any other method with a {@code 405} problem.
 */
final class WebClient extends CLStaticHttpHandler {
    private static final String ROOT = "web";
    private final ClassLoader loader;

    static {
        MimeType.add("ico", "image/x-icon");
        MimeType.add("woff2", "font/woff2");
        MimeType.add("svg", "image/svg+xml");
    }

    WebClient(ClassLoader loader) {
        super(loader, "/" + ROOT + "/");
        this.loader = loader;
        setFileCacheEnabled(false);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (request.getMethod() != Method.HEAD && request.getMethod() != Method.GET) {
            response.setHeader("Allow", "GET, HEAD");
            response.setStatus(405);
            response.setContentType("application/problem+json;charset=UTF-8");
            response.getWriter()
                    .write(RestApi.problemJson(
                            405, "method_not_allowed", "the web client's files are read with GET or HEAD"));
            return;
        }
        if (request.getMethod() != Method.HEAD) {
            super.service(request, response);
            return;
        }
        String uri = getRelativeURI(request);
        String path = uri == null || uri.contains("..") ? null : uri.endsWith("/") ? uri + "index.html" : uri;
        if (path == null || loader.getResource(ROOT + path) == null) {
            response.setStatus(404);
            return;
        }
        pickupContentType(response, path);
        response.setStatus(200);
    }
}
