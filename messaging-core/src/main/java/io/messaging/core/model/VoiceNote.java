package io.messaging.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What a voice message says of its recording: its length in milliseconds and a coarse waveform (loudness from 0 to
 * 1 per slice, for drawing). The send use case checks the limits; this record only holds the values.
 */
public record VoiceNote(long durationMs, List<Double> waveform) {
    public VoiceNote {
        waveform = List.copyOf(Objects.requireNonNull(waveform, "waveform"));
    }
}
