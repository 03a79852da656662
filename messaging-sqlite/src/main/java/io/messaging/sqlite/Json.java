package io.messaging.sqlite;

import java.util.Collection;

/** The one JSON shape this store writes: an array of strings, handed to SQLite's json_each. */
final class Json {
    private Json() {}

    static String array(Collection<String> values) {
        var json = new StringBuilder("[");
        for (String value : values) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }
}
