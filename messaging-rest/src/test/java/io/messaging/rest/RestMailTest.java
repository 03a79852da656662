package io.messaging.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.messaging.security.SmtpMailer;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Activation and password reset through real SMTP, received by an in-process mail server. */
class RestMailTest {
    private static final Pattern LINK = Pattern.compile("https://chat\\.example/\\?(activate|reset)=([^\\s]+)");
    private final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private RestServer server;

    RestMailTest() {
        mail.start();
        var smtp = new SmtpMailer(new SmtpMailer.Settings(
                "127.0.0.1",
                mail.getSmtp().getPort(),
                Optional.empty(),
                Optional.empty(),
                "chat@example.com",
                false,
                "https://chat.example"));
        server = new RestServer(core -> core.mailer(smtp).activationRequired(true), settings -> settings);
    }

    @AfterEach
    void stop() {
        server.close();
        mail.stop();
    }

    private String tokenFromLastMail(String kind) throws Exception {
        assertTrue(mail.waitForIncomingEmail(5000, 1));
        MimeMessage[] received = mail.getReceivedMessages();
        String body = GreenMailUtil.getBody(received[received.length - 1]).replace("=\r\n", "");
        var matcher = LINK.matcher(body);
        assertTrue(matcher.find(), body);
        assertEquals(kind, matcher.group(1));
        return URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8);
    }

    @Test
    void anAccountMustBeActivatedThroughTheMailedLink() throws Exception {
        var registered = server.call(
                "POST",
                "/auth/register",
                null,
                "{\"username\":\"dora\",\"email\":\"dora@example.com\",\"password\":\"password-1\"}");
        assertEquals(201, registered.status());
        assertEquals(false, registered.json().get("active").asBoolean());
        var inactive = server.login("dora", "password-1");
        assertEquals(403, inactive.status());
        assertEquals("account_inactive", inactive.json().get("code").asText());
        assertEquals(401, server.login("dora", "wrong-password").status());

        MimeMessage activation = mail.getReceivedMessages()[0];
        assertEquals("dora@example.com", activation.getAllRecipients()[0].toString());
        String token = tokenFromLastMail("activate");
        assertEquals(
                200,
                server.call("POST", "/auth/activate", null, "{\"token\":\"" + token + "\"}")
                        .status());
        assertEquals(
                404,
                server.call("POST", "/auth/activate", null, "{\"token\":\"" + token + "\"}")
                        .status());
        assertEquals(200, server.login("dora", "password-1").status());
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLink() throws Exception {
        server.call(
                "POST",
                "/auth/register",
                null,
                "{\"username\":\"emil\",\"email\":\"emil@example.com\",\"password\":\"password-1\"}");
        server.call("POST", "/auth/activate", null, "{\"token\":\"" + tokenFromLastMail("activate") + "\"}");
        assertEquals(
                202,
                server.call("POST", "/auth/password-reset/request", null, "{\"email\":\"emil@example.com\"}")
                        .status());
        assertTrue(mail.waitForIncomingEmail(5000, 2));
        String token = tokenFromLastMail("reset");
        assertEquals(200, server.confirmPasswordReset(token, "password-2").status());
        assertEquals(200, server.login("emil", "password-2").status());
    }
}
