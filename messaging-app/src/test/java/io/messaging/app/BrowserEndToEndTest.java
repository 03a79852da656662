package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client in headless Chromium (scripts in {@code src/test/e2e}), each scenario against its own server:
 * two users chatting while a third sees nothing; the points a new user ran into (phone layout, long words, failed
 * sends, sessions, dialogs, dates, errors, password reset without mail); a three-person group with replies,
 * reactions, members and search; voice messages, Web Push notifications and scheduled messages. Screenshots at
 * 1280x800 and 390x844 land in
 * {@code messaging-app/target/e2e-screenshots}; axe-core checks the main screens.
 */
class BrowserEndToEndTest {
    private static final Path SCREENSHOTS = Path.of("target/e2e-screenshots").toAbsolutePath();
    private static String chromium;

    @BeforeAll
    static void installChromium() throws Exception {
        var process = new ProcessBuilder("bash", "src/test/e2e/install-chromium.sh")
                .redirectErrorStream(false)
                .start();
        String path = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "installing Chromium took too long");
        assertEquals(0, process.exitValue(), "no Chromium for the browser test: " + errors);
        chromium = path;
        // Screenshots of this run only: a scenario's numbering changes when its steps do.
        try (var old = Files.walk(SCREENSHOTS)) {
            old.filter(Files::isRegularFile).forEach(file -> file.toFile().delete());
        } catch (NoSuchFileException e) {
            // nothing from an earlier run
        }
    }

    private static void scenario(String script, String name) throws Exception {
        try (var server = new RunningServer(Map.of())) {
            var run = Node.run(
                    Path.of("src/test/e2e"),
                    Map.of(
                            "BASE_URL",
                            server.base,
                            "CHROMIUM_PATH",
                            chromium,
                            "SCENARIO",
                            name,
                            "SCREENSHOT_DIR",
                            SCREENSHOTS.toString()),
                    script);
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains(" passed, 0 failed"), run.output());
        }
    }

    @Test
    void twoUsersChatInTheBrowserAndAThirdSeesNothing() throws Exception {
        scenario("chat.e2e.mjs", "chat");
    }

    @Test
    void theClientWorksOnAPhoneAndADesktopAndSaysWhatWentWrong() throws Exception {
        scenario("client.e2e.mjs", "client");
    }

    @Test
    void threePeopleUseAGroupWithRepliesReactionsMembersAndSearch() throws Exception {
        scenario("group.e2e.mjs", "group");
    }

    /** With Chromium's fake microphone: record, send, see the duration, play, seek; a refused microphone. */
    @Test
    void aVoiceMessageIsRecordedSentPlayedAndSought() throws Exception {
        scenario("voice.e2e.mjs", "voice");
    }

    /** Pushes delivered to the service worker through DevTools: a notification, none while the chat is open. */
    @Test
    void aPushedMessageShowsANotificationUnlessItsConversationIsOpenAndFocused() throws Exception {
        scenario("push.e2e.mjs", "push");
    }

    /** Send later with its quick choices, cancel, edit, and the message arriving at its time for both users. */
    @Test
    void aMessageIsScheduledEditedCancelledAndArrivesAtItsTime() throws Exception {
        scenario("scheduled.e2e.mjs", "scheduled");
    }
}
