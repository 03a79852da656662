package io.messaging.core.violation;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks the core rule on purpose: a core class that uses a JSON library. */
public class CoreUsingJackson {
    public String write(Object value) throws Exception {
        return new ObjectMapper().writeValueAsString(value);
    }
}
