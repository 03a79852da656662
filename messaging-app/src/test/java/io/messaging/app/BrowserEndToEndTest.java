package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web client in headless Chromium: two users register, find each other, chat, see typing, presence, read
 * ticks, edits and deletions; a third never sees their conversation; a voice message is recorded, sent, played and
 * sought; a pushed message becomes a notification through the service worker; a message is scheduled with "Send
 * later", edited, cancelled, and arrives at its time. Screenshots land in
 * {@code messaging-app/target/e2e-screenshots}.
 */
class BrowserEndToEndTest {

    private static String chromium() throws Exception {
        var process = new ProcessBuilder("bash", "src/test/e2e/install-chromium.sh").redirectErrorStream(false).start();
        String path = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "installing Chromium took too long");
        assertEquals(0, process.exitValue(), "no Chromium for the browser test: " + errors);
        return path;
    }

    @Test
    void twoUsersChatInTheBrowserAndAThirdSeesNothing() throws Exception {
        runScenario("chat.e2e.mjs");
    }

    /** With Chromium's fake microphone: record, send, see the duration, play, seek; a refused microphone. */
    @Test
    void aVoiceMessageIsRecordedSentPlayedAndSought() throws Exception {
        runScenario("voice.e2e.mjs");
    }

    /** Pushes delivered to the service worker through DevTools: a notification, none while the chat is open. */
    @Test
    void aPushedMessageShowsANotificationUnlessItsConversationIsOpenAndFocused() throws Exception {
        runScenario("push.e2e.mjs");
    }

    /** Send later with its quick choices, cancel, edit, and the message arriving at its time for both users. */
    @Test
    void aMessageIsScheduledEditedCancelledAndArrivesAtItsTime() throws Exception {
        runScenario("scheduled.e2e.mjs");
    }

    private static void runScenario(String script) throws Exception {
        String chromium = chromium();
        try (var server = new RunningServer(Map.of())) {
            var run = Node.run(Path.of("src/test/e2e"), Map.of("BASE_URL", server.base, "CHROMIUM_PATH", chromium,
                    "SCREENSHOT_DIR", Path.of("target/e2e-screenshots").toAbsolutePath().toString()), script);
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains(" passed, 0 failed"), run.output());
        }
    }
}
