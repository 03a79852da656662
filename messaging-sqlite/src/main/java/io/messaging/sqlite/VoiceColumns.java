package io.messaging.sqlite;

import io.messaging.core.model.VoiceNote;
import java.util.ArrayList;
import java.util.List;

/** A voice note's waveform in one text column: its numbers joined by commas. */
final class VoiceColumns {
    private VoiceColumns() {}

    static String waveform(VoiceNote voice) {
        var text = new StringBuilder();
        for (double value : voice.waveform()) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(value);
        }
        return text.toString();
    }

    static VoiceNote voice(long durationMs, String waveform) {
        var values = new ArrayList<Double>();
        if (!waveform.isEmpty()) {
            for (String value : waveform.split(",")) {
                values.add(Double.parseDouble(value));
            }
        }
        return new VoiceNote(durationMs, List.copyOf(values));
    }
}
