package io.messaging.core.service;

import static io.messaging.core.service.CoreFixture.assertFailure;
import static io.messaging.core.service.CoreFixture.attached;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.core.audio.AudioFiles;
import io.messaging.core.model.Attachment;
import io.messaging.core.model.AttachmentMeta;
import io.messaging.core.model.ErrorCode;
import io.messaging.core.model.Message;
import io.messaging.core.model.MessagePreview;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.in.SendMessage.Target;
import java.io.ByteArrayInputStream;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoiceMessagesTest {
    private final CoreFixture fixture = new CoreFixture();
    private final UserId alice = fixture.user("alice");
    private final UserId bob = fixture.user("bob");

    private AttachmentMeta upload(String contentType, byte[] bytes) {
        return fixture.core
                .uploadAttachment()
                .upload(alice, contentType, new ByteArrayInputStream(bytes))
                .orElseThrow();
    }

    private Outcome<SendMessage.Sent> send(MessageType type, List<AttachmentMeta> uploads, Optional<VoiceNote> voice) {
        var attachments = uploads.stream()
                .map(meta -> new Attachment(meta.id(), meta.contentType(), meta.size(), Optional.empty()))
                .toList();
        return fixture.core.sendMessage().send(attached(alice, new Target.ToUser(bob), type, attachments, voice));
    }

    private static Optional<VoiceNote> voice(long durationMs, Double... waveform) {
        return Optional.of(new VoiceNote(durationMs, List.of(waveform)));
    }

    @Test
    void aVoiceMessageKeepsItsDurationAndWaveformAndIsPreviewedWithItsLength() {
        var wav = upload("audio/wav", AudioFiles.wav(7000));

        Message sent = send(MessageType.VOICE, List.of(wav), voice(7200, 0.0, 0.5, 1.0))
                .orElseThrow()
                .message();

        assertEquals(MessageType.VOICE, sent.type());
        assertEquals(voice(7200, 0.0, 0.5, 1.0), sent.voice());
        var stored = fixture.core
                .listHistory()
                .list(new ListHistory.Query(bob, sent.conversationId(), 10, Optional.empty(), Optional.empty()))
                .orElseThrow()
                .items()
                .get(0);
        assertEquals(sent, stored);
        assertEquals("Voice message (0:07)", MessagePreview.of(stored));
    }

    @Test
    void aVoiceMessageNeedsExactlyOneAudioAttachment() {
        var ogg = upload("audio/ogg", AudioFiles.oggOpus(2000));
        var image = upload("image/png", new byte[] {1, 2, 3});

        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(), voice(2000)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(ogg, ogg), voice(2000)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(image), voice(2000)));
        assertTrue(send(MessageType.VOICE, List.of(ogg), voice(2000)).isOk());
    }

    @Test
    void theVoiceNoteMustBePresentAndWithinItsLimits() {
        var ogg = upload("audio/ogg", AudioFiles.oggOpus(2000));

        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(ogg), Optional.empty()));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(ogg), voice(0)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(ogg), voice(900_001)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(ogg), voice(2000, 1.01)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(ogg), voice(2000, -0.1)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(ogg), voice(2000, Double.NaN)));
        var tooLong = Optional.of(new VoiceNote(2000, Collections.nCopies(129, 0.5)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(ogg), tooLong));
        var longest = Optional.of(new VoiceNote(2000, Collections.nCopies(128, 0.5)));
        assertTrue(send(MessageType.VOICE, List.of(ogg), longest).isOk());
    }

    @Test
    void onlyAVoiceMessageCarriesAVoiceNote() {
        var ogg = upload("audio/ogg", AudioFiles.oggOpus(2000));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.FILE, List.of(ogg), voice(2000)));
    }

    @Test
    void aDurationThatDisagreesWithTheContainerByMoreThanASecondIsRefused() {
        var wav = upload("audio/wav", AudioFiles.wav(3000));
        var mp4 = upload("audio/mp4", AudioFiles.mp4(3000, false, false));

        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(wav), voice(60_000)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(wav), voice(4001)));
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(mp4), voice(1999)));
        assertTrue(send(MessageType.VOICE, List.of(wav), voice(4000)).isOk());
        assertTrue(send(MessageType.VOICE, List.of(mp4), voice(2000)).isOk());
    }

    @Test
    void aWebmDurationStandsWithinWhatItsSizeCanHold() {
        var webm = upload("audio/webm", AudioFiles.webm(4000));

        // 4,000 bytes hold at most 40 s at 100 bytes/s (plus the second of tolerance)
        assertFailure(ErrorCode.VALIDATION_FAILED, send(MessageType.VOICE, List.of(webm), voice(42_000)));
        assertTrue(send(MessageType.VOICE, List.of(webm), voice(41_000)).isOk());
        assertTrue(send(MessageType.VOICE, List.of(webm), voice(1)).isOk());
    }

    @Test
    void aWebmTooLargeForItsDurationIsRefused() {
        var large = new CoreFixture(false, new AttachmentPolicy(4L * 1024 * 1024, List.of("audio/*")));
        var carol = large.user("carol");
        var dave = large.user("dave");
        var webm = large.core
                .uploadAttachment()
                .upload(carol, "audio/webm", new ByteArrayInputStream(AudioFiles.webm(3 * 1024 * 1024)))
                .orElseThrow();
        var attachment = List.of(new Attachment(webm.id(), webm.contentType(), webm.size(), Optional.empty()));

        assertFailure(
                ErrorCode.VALIDATION_FAILED,
                large.core
                        .sendMessage()
                        .send(attached(carol, new Target.ToUser(dave), MessageType.VOICE, attachment, voice(1000))));
    }

    @Test
    void deletingAVoiceMessageDropsItsVoiceNote() {
        var ogg = upload("audio/ogg", AudioFiles.oggOpus(2000));
        Message sent = send(MessageType.VOICE, List.of(ogg), voice(2000, 0.3))
                .orElseThrow()
                .message();

        fixture.core.deleteMessage().delete(alice, sent.id()).orElseThrow();

        var deleted = fixture.core
                .listHistory()
                .list(new ListHistory.Query(bob, sent.conversationId(), 10, Optional.empty(), Optional.empty()))
                .orElseThrow()
                .items()
                .get(0);
        assertEquals(Optional.empty(), deleted.voice());
        assertEquals("Message deleted", MessagePreview.of(deleted));
    }
}
