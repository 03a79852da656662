package io.messaging.sqlite;

import java.util.ArrayList;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what a person typed into a safe FTS5 query: every word quoted (so operators and punctuation are plain
 * text), all words required, the last one matched as a prefix for search-as-you-type.
 */
final class FullTextQuery {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private FullTextQuery() {}

    /** The FTS5 query, or empty when the text has no word at all. */
    static Optional<String> of(String text) {
        var words = new ArrayList<String>();
        var matcher = WORD.matcher(text);
        while (matcher.find() && words.size() < 16) {
            words.add("\"" + matcher.group() + "\"");
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        int last = words.size() - 1;
        words.set(last, words.get(last) + "*");
        return Optional.of(String.join(" ", words));
    }
}
