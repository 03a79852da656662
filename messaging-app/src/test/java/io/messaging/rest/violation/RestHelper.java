package io.messaging.rest.violation;

/** A class in the REST adapter, for a rule test to call from another adapter. */
public class RestHelper {
    public static String help() {
        return "help";
    }
}
