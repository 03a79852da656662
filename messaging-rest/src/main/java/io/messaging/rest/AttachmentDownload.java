package io.messaging.rest;

import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.port.in.DownloadAttachment.Download;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;

/**
 * The answer to a download an authorized user asked for: the whole attachment, one range of it ({@code 206}),
 * {@code 416} for a range past its end, or {@code 304} when the client's copy is current. An attachment never
 * changes, so its id and size make a strong ETag and clients may keep it for a year. Bytes are streamed from the
 * store starting at the range, never read whole.
 */
final class AttachmentDownload {
    static final String CACHE_CONTROL = "private, max-age=31536000, immutable";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private AttachmentDownload() {}

    static Response respond(Download download, MultivaluedMap<String, String> request, boolean withBody) {
        AttachmentMeta meta = download.meta();
        String etag = "\"" + meta.id().value() + "-" + meta.size() + "\"";
        String lastModified = HTTP_DATE.format(meta.createdAt().truncatedTo(ChronoUnit.SECONDS));
        if (matchesAny(request.getFirst(HttpHeaders.IF_NONE_MATCH), etag)) {
            return Response.notModified()
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .build();
        }
        String ifRange = request.getFirst("If-Range");
        boolean rangeApplies = ifRange == null
                || ifRange.strip().equals(etag)
                || ifRange.strip().equals(lastModified);
        var requested = rangeApplies
                ? ByteRange.parse(request.getFirst("Range"), meta.size())
                : new ByteRange.Requested.Whole();
        if (requested instanceof ByteRange.Requested.Unsatisfiable) {
            return Response.fromResponse(
                            Problems.of(416, "range_not_satisfiable", "the attachment has " + meta.size() + " bytes"))
                    .header("Content-Range", "bytes */" + meta.size())
                    .header("Accept-Ranges", "bytes")
                    .build();
        }
        Response.ResponseBuilder answer;
        long first = 0;
        long length = meta.size();
        if (requested instanceof ByteRange.Requested.Part part) {
            first = part.range().first();
            length = part.range().length();
            answer = Response.status(206).header("Content-Range", part.range().contentRange(meta.size()));
        } else {
            answer = Response.ok();
        }
        if (withBody) {
            answer.entity(body(download, first, length));
        }
        String disposition = shownInline(meta.contentType()) ? "inline" : "attachment";
        return answer.type(meta.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, lastModified)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(
                        "Content-Disposition",
                        disposition + "; filename=\"" + meta.id().value() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .build();
    }

    /**
     * Raster images, audio and video may be shown in the page; anything a browser could run as a document (SVG,
     * HTML, XML, PDF, scripts, unknown types) is only ever downloaded.
     */
    static boolean shownInline(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        if (type.startsWith("image/")) {
            return !type.contains("svg") && !type.contains("xml");
        }
        return type.startsWith("audio/") || type.startsWith("video/");
    }

    /** Whether an {@code If-None-Match} list names this ETag (weakly compared, as the RFC asks) or is {@code *}. */
    private static boolean matchesAny(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.replaceFirst("^W/", "").equals(etag));
    }

    private static StreamingOutput body(Download download, long first, long length) {
        return out -> {
            try (InputStream in = download.bytes().from(first)) {
                copy(in, out, length);
            } catch (IOException e) {
                throw new WebApplicationException(e);
            }
        };
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the attachment ended " + left + " bytes early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }
}
