package io.messaging.ws;

import io.messaging.wire.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** Engine.IO's HTTP long-polling transport: the handshake, held GETs and POSTed payloads, with CORS. */
final class PollingHandler extends HttpHandler {
    private final EngineServer server;

    PollingHandler(EngineServer server) {
        this.server = server;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        cors(request, response);
        if (request.getMethod() == Method.OPTIONS) {
            response.setStatus(204);
            return;
        }
        Map<String, String> query = new HashMap<>();
        for (String name : request.getParameterNames()) {
            query.put(name, request.getParameter(name));
        }
        if (!"4".equals(query.get("EIO"))) {
            error(response, 400, 5, "Unsupported protocol version");
            return;
        }
        if (!"polling".equals(query.get("transport"))) {
            error(response, 400, 0, "Transport unknown");
            return;
        }
        String sid = query.get("sid");
        if (sid == null) {
            if (request.getMethod() != Method.GET) {
                error(response, 400, 2, "Bad handshake method");
                return;
            }
            var handshake = new Handshake(
                    query, Optional.ofNullable(request.getHeader("Authorization")), request.getRemoteAddr());
            EngineSession session = server.open(handshake, null, null);
            writeText(response, server.openPacket(session, true));
            return;
        }
        EngineSession session = server.session(sid);
        if (session == null || (session.isClosed() && request.getMethod() != Method.GET)) {
            error(response, 400, 1, "Session ID unknown");
            return;
        }
        if (request.getMethod() == Method.GET) {
            session.poll(response);
        } else if (request.getMethod() == Method.POST) {
            receive(request, response, session);
        } else {
            error(response, 400, 2, "Bad handshake method");
        }
    }

    private void receive(Request request, Response response, EngineSession session) throws IOException {
        int max = server.options().maxPayload();
        if (request.getContentLengthLong() > max) {
            error(response, 413, 3, "Payload too large");
            session.close("transport error", false);
            return;
        }
        var body = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] chunk = new byte[8192];
            int read;
            while ((read = in.read(chunk)) != -1) {
                body.write(chunk, 0, read);
                if (body.size() > max) {
                    error(response, 413, 3, "Payload too large");
                    session.close("transport error", false);
                    return;
                }
            }
        }
        response.setContentType("text/html; charset=UTF-8");
        response.getWriter().write("ok");
        session.receivePayload(body.toString(StandardCharsets.UTF_8));
    }

    private void cors(Request request, Response response) {
        String origin = request.getHeader("Origin");
        if (origin != null
                && server.options().allowedOrigin().filter(origin::equals).isPresent()) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Vary", "Origin");
            if (request.getMethod() == Method.OPTIONS) {
                response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
            }
        }
    }

    static void writeText(Response response, String payload) throws IOException {
        response.setContentType("text/plain; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The reference server's error answer: {@code {"code":n,"message":"..."}} with a 400 (or 413) status. */
    static void error(Response response, int status, int code, String message) {
        try {
            response.setStatus(status);
            response.setContentType("application/json");
            byte[] bytes = WireJson.write(
                            WireJson.MAPPER.createObjectNode().put("code", code).put("message", message))
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } catch (IOException ignored) {
            // the client left; nothing to answer
        }
    }
}
