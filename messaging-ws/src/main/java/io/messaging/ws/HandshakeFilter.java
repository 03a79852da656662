package io.messaging.ws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.Parameters;
import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Behind the HTTP codec: answers a WebSocket upgrade request through Tyrus's engine, and on success makes the
 * connection a WebSocket that {@link WebSocketFramesFilter} reads from then on. Any other request, or an upgrade
 * for a path no endpoint serves, passes on to the HTTP handlers.
 */
final class HandshakeFilter extends BaseFilter {
    /**
     * Where Grizzly's HTTP codec keeps a connection's request until it completes. An upgraded request never
     * completes, so without this removal each WebSocket would keep its HTTP request (several KB) for its lifetime.
     * Grizzly's attribute builder answers the codec's own attribute for its name.
     */
    static final Attribute<HttpRequestPacket> REQUEST_IN_PROCESS = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            org.glassfish.grizzly.http.HttpServerFilter.class.getName() + ".HttpRequest");

    private final WebSocketEngine engine;

    HandshakeFilter(WebSocketEngine engine) {
        this.engine = engine;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        HttpContent content = ctx.getMessage();
        HttpHeader header = content.getHttpHeader();
        if (!header.isRequest() || !"websocket".equalsIgnoreCase(header.getUpgrade())) {
            return ctx.getInvokeAction();
        }
        HttpRequestPacket request = (HttpRequestPacket) header;
        RequestContext upgradeRequest;
        try {
            upgradeRequest = upgradeRequest(request);
        } catch (IllegalArgumentException e) {
            return ctx.getInvokeAction();
        }
        var response = new TyrusUpgradeResponse();
        WebSocketEngine.UpgradeInfo upgrade = engine.upgrade(upgradeRequest, response);
        Connection<?> connection = ctx.getConnection();
        switch (upgrade.getStatus()) {
            case NOT_APPLICABLE:
                return ctx.getInvokeAction();
            case HANDSHAKE_FAILED:
                respond(ctx, request, response, true);
                return ctx.getStopAction();
            default:
                break;
        }
        respond(ctx, request, response, false);
        var webSocket =
                upgrade.createConnection(new GrizzlyFrameWriter(connection), reason -> connection.closeSilently());
        if (webSocket == null) {
            connection.closeSilently();
            return ctx.getStopAction();
        }
        ReadHandler reader = webSocket.getReadHandler();
        WebSocketFramesFilter.upgraded(connection, reader);
        REQUEST_IN_PROCESS.remove(connection);
        connection.addCloseListener((closeable, type) -> {
            WebSocketFramesFilter.closed(connection);
            webSocket.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason());
        });
        WebSocketFramesFilter.read(content.getContent(), reader);
        return ctx.getStopAction();
    }

    /** The upgrade request as Tyrus reads it: URI, query parameters, addresses and every header. */
    private static RequestContext upgradeRequest(HttpRequestPacket request) {
        var parameters = new Parameters();
        parameters.setQuery(request.getQueryStringDC());
        parameters.setQueryStringEncoding(StandardCharsets.UTF_8);
        Map<String, String[]> parameterMap = new HashMap<>();
        for (String name : parameters.getParameterNames()) {
            parameterMap.put(name, parameters.getParameterValues(name));
        }
        RequestContext context = RequestContext.Builder.create()
                .requestURI(URI.create(request.getRequestURI()))
                .queryString(request.getQueryString())
                .parameterMap(parameterMap)
                .secure(request.isSecure())
                .remoteAddr(request.getRemoteAddress())
                .serverAddr(request.getLocalHost() == null ? request.getLocalAddress() : request.getLocalHost())
                .serverPort(request.getLocalPort())
                .tyrusProperties(Map.of())
                .build();
        for (String name : request.getHeaders().names()) {
            for (String value : request.getHeaders().values(name)) {
                context.getHeaders()
                        .computeIfAbsent(name, ignored -> new ArrayList<>())
                        .addAll(Utils.parseHeaderValue(value.trim()));
            }
        }
        return context;
    }

    /** Writes the handshake's answer; a refused handshake ends its connection once the answer is out. */
    private static void respond(
            FilterChainContext ctx, HttpRequestPacket request, TyrusUpgradeResponse response, boolean refused) {
        HttpResponsePacket packet = request.getResponse();
        packet.setProtocol(Protocol.HTTP_1_1);
        packet.setStatus(response.getStatus());
        response.getHeaders().forEach((name, values) -> packet.setHeader(name, Utils.getHeaderFromList(values)));
        if (!refused) {
            ctx.write(HttpContent.builder(packet).build());
            return;
        }
        packet.setHeader("Connection", "close");
        Connection<?> connection = ctx.getConnection();
        ctx.write(HttpContent.builder(packet).last(true).build(), new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable error) {
                connection.closeSilently();
            }
        });
    }
}
