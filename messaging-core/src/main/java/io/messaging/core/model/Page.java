package io.messaging.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of results and the opaque cursor of the next page, if there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
