package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client in headless Chromium (scripts in {@code src/test/e2e}), each scenario against its own server:
 * two users chatting while a third sees nothing; the points a new user ran into (phone layout, long words, failed
 * sends, sessions, dialogs, dates, errors, password reset without mail); a three-person group with replies,
 * reactions, members and search; voice messages, Web Push notifications, scheduled messages and end-to-end
 * encryption (after which no plaintext is on the server's disk or in its log). Screenshots at
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
            run(script, name, server.base, Map.of());
        }
    }

    private static void run(String script, String name, String base, Map<String, String> extra) throws Exception {
        var environment = new HashMap<>(Map.of(
                "BASE_URL",
                base,
                "CHROMIUM_PATH",
                chromium,
                "SCENARIO",
                name,
                "SCREENSHOT_DIR",
                SCREENSHOTS.toString()));
        environment.putAll(extra);
        var run = Node.run(Path.of("src/test/e2e"), environment, script);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(" passed, 0 failed"), run.output());
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

    /**
     * Two users, one of them on two devices (browser contexts), exchange encrypted messages and an encrypted
     * image, with the lock, safety numbers, the key-change warning and "cannot decrypt" for a device added later
     * and a tampered envelope. The server runs as its own process; afterwards none of the encrypted texts nor the
     * image's bytes are in any file of its data directory (databases, WAL files, attachments) or in its log,
     * while the one text sent before encryption was turned on is (so the scan does see what is stored).
     */
    @Test
    void encryptedMessagesAndAnImageLeaveNoPlaintextOnTheServer() throws Exception {
        Path dataDir = Files.createTempDirectory("messaging-e2ee-data");
        Path log = Files.createTempFile("messaging-e2ee", ".log");
        Path secretsFile = Files.createTempFile("messaging-e2ee", ".json");
        int port = RunningServer.freePort();
        try (var server = ServerProcess.start(RunningServer.environment(port, dataDir), log)) {
            server.awaitHealthy();
            run("encryption.e2e.mjs", "encryption", server.api.base(), Map.of("E2EE_SECRETS", secretsFile.toString()));
        }
        var secrets = PlaintextScan.Secrets.read(secretsFile);
        assertEquals(9, secrets.texts().size(), "the scenario did not write down its secrets");
        List<Path> stored = PlaintextScan.files(dataDir);
        assertTrue(
                stored.stream().anyMatch(file -> file.getFileName().toString().endsWith("-wal")),
                "no WAL file: " + stored);
        assertTrue(
                stored.stream().anyMatch(file -> file.toFile().length() == secrets.image().length + 16L),
                "no attachment of the encrypted image's size (" + (secrets.image().length + 16) + " bytes): " + stored);
        assertFalse(
                PlaintextScan.find(
                                Map.of(
                                        "the text sent before encryption",
                                        secrets.before().getBytes(StandardCharsets.UTF_8)),
                                stored)
                        .isEmpty(),
                "the scan does not find even the text sent in the clear");
        List<Path> everything = new ArrayList<>(stored);
        everything.add(log);
        assertEquals(List.of(), PlaintextScan.find(secrets.needles(), everything));
    }
}
