package io.messaging.rest;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.DownloadAttachment;
import io.messaging.core.port.in.UploadAttachment;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/** Uploads (raw body or multipart) and downloads of attachments (whole or by range, see {@link AttachmentDownload}). */
@Path("attachments")
public final class AttachmentResource {
    private final InPorts core;
    private final long maxBytes;

    /** The in-ports this class calls, picked from the core's {@code UseCases} where the adapter is assembled. */
    record InPorts(UploadAttachment uploadAttachment, DownloadAttachment downloadAttachment) {}

    AttachmentResource(InPorts core, long maxBytes) {
        this.core = core;
        this.maxBytes = maxBytes;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadForm(@Context ContainerRequestContext context, FormDataMultiPart form) {
        FormDataBodyPart file = form.getField("file");
        if (file == null) {
            return Problems.of(ErrorCode.VALIDATION_FAILED, "the form needs a file field");
        }
        try (InputStream content = file.getValueAs(InputStream.class)) {
            return store(Caller.of(context).id(), file.getMediaType().toString(), content);
        } catch (IOException e) {
            return Problems.of(ErrorCode.VALIDATION_FAILED, "the upload could not be read");
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response uploadRaw(
            @Context ContainerRequestContext context,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream content) {
        if (contentType == null || contentType.isBlank()) {
            return Problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the file with its Content-Type");
        }
        if (contentLength != null && contentLength.matches("\\d{1,18}") && Long.parseLong(contentLength) > maxBytes) {
            return Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, "an attachment is at most " + maxBytes + " bytes");
        }
        return store(Caller.of(context).id(), contentType, content);
    }

    private Response store(UserId uploader, String contentType, InputStream content) {
        return Replies.of(
                core.uploadAttachment().upload(uploader, contentType, content), 201, meta -> WireJson.uploaded(meta));
    }

    @GET
    @Path("{id}")
    public Response download(@Context ContainerRequestContext context, @PathParam("id") String id) {
        return answer(context, id, true);
    }

    @HEAD
    @Path("{id}")
    public Response describe(@Context ContainerRequestContext context, @PathParam("id") String id) {
        return answer(context, id, false);
    }

    private Response answer(ContainerRequestContext context, String id, boolean withBody) {
        AttachmentId attachmentId;
        try {
            attachmentId = AttachmentId.of(id);
        } catch (IllegalArgumentException e) {
            return Problems.of(ErrorCode.NOT_FOUND, "attachment not found");
        }
        return Replies.respond(
                core.downloadAttachment().open(Caller.of(context).id(), attachmentId),
                download -> AttachmentDownload.respond(download, context.getHeaders(), withBody));
    }
}
