package io.messaging.security;

import io.messaging.core.model.User;
import io.messaging.core.port.out.Mailer;
import io.messaging.core.port.out.StoreException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/** Sends activation and password-reset mails over SMTP, with links to the web client. */
public final class SmtpMailer implements Mailer {

    /** Where and how to send, and the client host the links point at. */
    public record Settings(
            String host,
            int port,
            Optional<String> user,
            Optional<String> password,
            String from,
            boolean startTls,
            String clientHost) {}

    private final Settings settings;
    private final Session session;

    /** A mailer that opens an SMTP connection per mail with these settings; nothing is contacted until then. */
    public SmtpMailer(Settings settings) {
        this.settings = settings;
        var properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        properties.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        properties.put("mail.smtp.auth", String.valueOf(settings.user().isPresent()));
        Authenticator authenticator = settings.user().isEmpty()
                ? null
                : new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(
                                settings.user().get(), settings.password().orElse(""));
                    }
                };
        this.session = Session.getInstance(properties, authenticator);
    }

    @Override
    public void sendActivation(User user, String token) {
        send(
                user,
                "Activate your account",
                "Hello " + user.displayName() + ",\n\nopen this link to activate your " + "account:\n"
                        + link("activate", token) + "\n\nThe link works once and expires in 48 hours.\n");
    }

    @Override
    public void sendPasswordReset(User user, String token) {
        send(
                user,
                "Reset your password",
                "Hello " + user.displayName() + ",\n\nopen this link to choose a new "
                        + "password:\n" + link("reset", token)
                        + "\n\nThe link works once and expires in one hour. If you "
                        + "did not ask for it, ignore this mail.\n");
    }

    private String link(String action, String token) {
        String base = settings.clientHost().endsWith("/") ? settings.clientHost() : settings.clientHost() + "/";
        return base + "?" + action + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private void send(User user, String subject, String text) {
        try {
            var message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(user.email()));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new StoreException("mail could not be handed to " + settings.host(), e);
        }
    }
}
