package io.messaging.core.service;

import io.messaging.core.model.AttachmentId;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.NewAttachment;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.port.in.DownloadAttachment;
import io.messaging.core.port.in.UploadAttachment;
import io.messaging.core.port.out.Attachments;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.IdGenerator;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.StoreException;
import java.io.InputStream;

/** Accepts uploads within the policy, and hands them out only to those who may see them. */
public final class AttachmentHandling implements UploadAttachment, DownloadAttachment {
    private final Attachments attachments;
    private final Conversations conversations;
    private final Messages messages;
    private final AttachmentPolicy policy;
    private final Clock clock;
    private final IdGenerator ids;

    public AttachmentHandling(
            Attachments attachments,
            Conversations conversations,
            Messages messages,
            AttachmentPolicy policy,
            Clock clock,
            IdGenerator ids) {
        this.attachments = attachments;
        this.conversations = conversations;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Outcome<AttachmentMeta> upload(UserId uploaderId, String contentType, InputStream content) {
        if (!policy.allows(contentType)) {
            return Outcome.fail(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content type " + contentType + " is not accepted");
        }
        var attachment = new NewAttachment(
                AttachmentId.of(ids.newId()), uploaderId, AttachmentPolicy.essence(contentType), clock.now());
        var stored = attachments.store(attachment, content, policy.maxBytes());
        if (stored instanceof Attachments.StoreOutcome.Stored ok) {
            return Outcome.ok(ok.meta());
        }
        return Outcome.fail(ErrorCode.PAYLOAD_TOO_LARGE, "an attachment is at most " + policy.maxBytes() + " bytes");
    }

    @Override
    public Outcome<Download> open(UserId userId, AttachmentId attachmentId) {
        var meta = attachments.find(attachmentId).filter(found -> maySee(userId, found));
        if (meta.isEmpty()) {
            return Outcome.notFound("attachment");
        }
        return Outcome.ok(new Download(
                meta.get(),
                offset -> attachments
                        .open(attachmentId, offset)
                        .orElseThrow(() -> new StoreException("attachment " + attachmentId + " vanished"))));
    }

    private boolean maySee(UserId userId, AttachmentMeta meta) {
        if (meta.uploaderId().equals(userId)) {
            return true;
        }
        return messages.conversationsReferencing(meta.id()).stream()
                .flatMap(id -> conversations.findById(id).stream())
                .anyMatch(conversation -> conversation.hasParticipant(userId));
    }
}
