package io.messaging.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.messaging.core.model.User;
import io.messaging.core.model.UserId;
import io.messaging.core.port.out.StoreException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMTP mailer on its own, against an in-process mail server. */
class SmtpMailerTest {
    private static final User DORA =
            new User(UserId.of("u1"), "dora", "dora@example.com", "Dora", false, Instant.EPOCH, Optional.empty());
    private final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    SmtpMailerTest() {
        mail.start();
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    private static SmtpMailer mailer(int port) {
        return new SmtpMailer(new SmtpMailer.Settings(
                "127.0.0.1",
                port,
                Optional.empty(),
                Optional.empty(),
                "chat@example.com",
                false,
                "https://chat.example"));
    }

    @Test
    void anActivationMailCarriesTheEncodedTokenInALinkToTheClient() throws Exception {
        mailer(mail.getSmtp().getPort()).sendActivation(DORA, "tok en+/");
        assertTrue(mail.waitForIncomingEmail(5000, 1));
        var received = mail.getReceivedMessages()[0];
        assertEquals("Activate your account", received.getSubject());
        assertEquals("dora@example.com", received.getAllRecipients()[0].toString());
        String body = GreenMailUtil.getBody(received).replace("=\r\n", "");
        assertTrue(body.contains("https://chat.example/?activate=tok+en%2B%2F"), body);
    }

    @Test
    void aResetMailLinksToTheResetForm() throws Exception {
        mailer(mail.getSmtp().getPort()).sendPasswordReset(DORA, "abc");
        assertTrue(mail.waitForIncomingEmail(5000, 1));
        var received = mail.getReceivedMessages()[0];
        assertEquals("Reset your password", received.getSubject());
        assertTrue(GreenMailUtil.getBody(received).contains("https://chat.example/?reset=abc"));
    }

    @Test
    void aMailServerThatCannotBeReachedIsAStoreFailure() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var error = assertThrows(StoreException.class, () -> mailer(closedPort).sendActivation(DORA, "abc"));
        assertTrue(error.getMessage().contains("127.0.0.1"), error.getMessage());
    }
}
