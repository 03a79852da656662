package io.messaging.core.service;

import io.messaging.core.audio.AudioBytes;
import io.messaging.core.audio.RecordedDuration;
import io.messaging.core.model.Attachment;
import io.messaging.core.model.MessageType;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.VoiceNote;
import io.messaging.core.port.in.Limits;
import io.messaging.core.port.in.SendMessage.Command;
import io.messaging.core.port.out.Attachments;
import io.messaging.core.port.out.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rules of a voice message: exactly one {@code audio/*} attachment, a voice note within the limits, and a
 * duration the recording bears out (within a second of what its container states; where it states none, no longer
 * than its size can hold at a low bit rate, nor shorter than at a very high one).
 */
final class VoiceRules {
    /** Disagreement with the container's own duration that is still accepted. */
    static final long TOLERANCE_MS = 1000;
    /** Fewer bytes per second than any codec a browser records with spends (800 bit/s). */
    static final long MIN_BYTES_PER_SECOND = 100;
    /** More bytes per second than uncompressed 96 kHz stereo 24-bit audio spends. */
    static final long MAX_BYTES_PER_SECOND = 768 * 1024;
    /** Container overhead that the bounds of the size allow besides the audio. */
    static final long OVERHEAD_BYTES = 64 * 1024;

    private final Attachments attachments;

    VoiceRules(Attachments attachments) {
        this.attachments = attachments;
    }

    /** What is wrong with the command's voice note and attachment count, before anything is looked up. */
    static Optional<String> problem(Command command) {
        if (command.type() != MessageType.VOICE) {
            return command.voice().isPresent()
                    ? Optional.of("voice is only for messages of type voice")
                    : Optional.empty();
        }
        if (command.attachments().size() != 1) {
            return Optional.of("a voice message needs exactly one audio attachment");
        }
        if (command.voice().isEmpty()) {
            return Optional.of("a voice message needs voice: {durationMs, waveform}");
        }
        VoiceNote voice = command.voice().get();
        if (voice.durationMs() < 1 || voice.durationMs() > Limits.VOICE_DURATION_MAX_MS) {
            return Optional.of("voice.durationMs must be 1 to " + Limits.VOICE_DURATION_MAX_MS);
        }
        if (voice.waveform().size() > Limits.VOICE_WAVEFORM_MAX) {
            return Optional.of("voice.waveform must have at most " + Limits.VOICE_WAVEFORM_MAX + " values");
        }
        if (voice.waveform().stream().anyMatch(value -> !(value >= 0 && value <= 1))) {
            return Optional.of("voice.waveform values must be numbers from 0 to 1");
        }
        return Optional.empty();
    }

    /** Checks the resolved attachment of a voice message: its type, and its duration against the voice note. */
    Outcome<Boolean> checkRecording(Command command, List<Attachment> resolved) {
        if (command.type() != MessageType.VOICE) {
            return Outcome.ok(true);
        }
        Attachment recording = resolved.get(0);
        if (!recording.contentType().startsWith("audio/")) {
            return Outcome.invalid("a voice message needs an audio/* attachment, not " + recording.contentType());
        }
        long claimed = command.voice().orElseThrow().durationMs();
        OptionalLong stated = RecordedDuration.millis(bytesOf(recording));
        if (stated.isPresent()) {
            return Math.abs(stated.getAsLong() - claimed) <= TOLERANCE_MS
                    ? Outcome.ok(true)
                    : Outcome.invalid("voice.durationMs is " + claimed + " but the recording lasts "
                            + stated.getAsLong() + " ms");
        }
        long audioBytes = Math.max(0, recording.size() - OVERHEAD_BYTES);
        boolean tooLong = (claimed - TOLERANCE_MS) * MIN_BYTES_PER_SECOND > recording.size() * 1000;
        boolean tooShort = (claimed + TOLERANCE_MS) * MAX_BYTES_PER_SECOND < audioBytes * 1000;
        return tooLong || tooShort
                ? Outcome.invalid(
                        "voice.durationMs " + claimed + " does not fit a recording of " + recording.size() + " bytes")
                : Outcome.ok(true);
    }

    /** The stored bytes of the attachment, read on demand. */
    private AudioBytes bytesOf(Attachment attachment) {
        return new AudioBytes() {
            @Override
            public long size() {
                return attachment.size();
            }

            @Override
            public byte[] read(long offset, int length) {
                try (InputStream in = attachments
                        .open(attachment.id(), offset)
                        .orElseThrow(() -> new StoreException("attachment " + attachment.id() + " vanished"))) {
                    return in.readNBytes(length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
