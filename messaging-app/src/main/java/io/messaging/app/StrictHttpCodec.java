package io.messaging.app;

import io.messaging.rest.RestApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.ObjIntConsumer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.utils.DelayedExecutor;

/**
 * Grizzly's HTTP codec with two changes: a request whose target or Host header cannot be routed is refused at once
 * ({@link RequestTarget}), and every error the codec answers itself (a malformed request line, a request line or
 * header too large, a bad Host) carries a problem document with a stable code instead of an empty body. Every answer
 * leaves with the {@link SecurityHeaders}.
 */
final class StrictHttpCodec extends HttpServerFilter {
    private static final String REFUSAL = StrictHttpCodec.class.getName() + ".refusal";
    private static final HttpStatusLine URI_TOO_LONG = new HttpStatusLine(414, "URI Too Long");
    private static final HttpStatusLine HEADERS_TOO_LARGE = new HttpStatusLine(431, "Request Header Fields Too Large");

    private record HttpStatusLine(int status, String reason) {}

    private final ObjIntConsumer<String> refused;

    StrictHttpCodec(
            boolean chunking,
            int maxHeaderSize,
            KeepAlive keepAlive,
            DelayedExecutor executor,
            int maxRequestHeaders,
            int maxResponseHeaders,
            ObjIntConsumer<String> refused) {
        super(chunking, maxHeaderSize, null, keepAlive, executor, maxRequestHeaders, maxResponseHeaders);
        this.refused = refused;
    }

    @Override
    protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
        if (super.onHttpHeaderParsed(header, buffer, ctx)) {
            return true;
        }
        var request = (HttpRequestPacket) header;
        var refusal = RequestTarget.check(request.getRequestURI(), request.getQueryString(), request.getHeader("Host"));
        if (refusal.isEmpty()) {
            return false;
        }
        request.setAttribute(REFUSAL, refusal.get());
        request.getResponse().setStatus(400);
        request.getProcessingState().setError(true);
        return true;
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable error) throws IOException {
        var response = ((HttpRequestPacket) header).getResponse();
        String message = error == null || error.getMessage() == null ? "" : error.getMessage();
        if (response.getStatus() < 400) {
            if (message.contains("intial line is too large") || message.contains("initial line is too large")) {
                // the request line was never read to its end, so its protocol is unknown: answer as HTTP/1.1
                ((HttpRequestPacket) header).setProtocol(Protocol.HTTP_1_1);
                response.setStatus(URI_TOO_LONG.status());
                response.setReasonPhrase(URI_TOO_LONG.reason());
            } else if (message.contains("header is too large")) {
                response.setStatus(HEADERS_TOO_LARGE.status());
                response.setReasonPhrase(HEADERS_TOO_LARGE.reason());
            }
        }
        super.onHttpHeaderError(header, ctx, error);
    }

    @Override
    protected Buffer encodeHttpPacket(FilterChainContext ctx, HttpPacket packet) {
        HttpHeader header = packet.isHeader() ? (HttpHeader) packet : ((HttpContent) packet).getHttpHeader();
        if (header instanceof HttpResponsePacket response) {
            SecurityHeaders.apply(response);
        }
        return super.encodeHttpPacket(ctx, packet);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        int status = response.getStatus() < 400 ? 400 : response.getStatus();
        String code;
        String detail;
        if (response.getRequest().getAttribute(REFUSAL) instanceof RequestTarget.Refusal refusal) {
            code = refusal.code();
            detail = refusal.detail();
        } else {
            code = switch (status) {
                case 414 -> "uri_too_long";
                case 431 -> "headers_too_large";
                case 505 -> "http_version_not_supported";
                default -> "malformed_request";
            };
            detail = switch (status) {
                case 414 -> "the request line is too long";
                case 431 -> "the request headers are too large";
                case 505 -> "this server speaks HTTP/1.0 and HTTP/1.1";
                default -> "the request is malformed";
            };
        }
        byte[] body = RestApi.problemJson(status, code, detail).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        String method = response.getRequest().getMethodDC().isNull()
                ? "UNKNOWN"
                : response.getRequest().getMethodDC().toString();
        refused.accept(method.length() > 16 ? "UNKNOWN" : method, status);
        return HttpContent.builder(response)
                .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                .last(true)
                .build();
    }
}
