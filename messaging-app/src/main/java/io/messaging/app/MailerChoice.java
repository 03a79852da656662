package io.messaging.app;

import io.messaging.core.model.User;
import io.messaging.core.port.out.Mailer;
import io.messaging.security.SmtpMailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SMTP when it is configured; otherwise a mailer that says in the log that a mail could not be sent. */
final class MailerChoice {
    private static final Logger LOG = LoggerFactory.getLogger(MailerChoice.class);

    private MailerChoice() {}

    static Mailer of(ServerConfig config) {
        if (config.smtp().isPresent()) {
            var smtp = config.smtp().get();
            return new SmtpMailer(new SmtpMailer.Settings(
                    smtp.host(),
                    smtp.port(),
                    smtp.user(),
                    smtp.password(),
                    smtp.from(),
                    smtp.startTls(),
                    config.clientHost().toString()));
        }
        return new Mailer() {
            @Override
            public void sendActivation(User user, String token) {
                LOG.warn("mail is not configured (SMTP_HOST): no activation mail sent to user {}", user.id());
            }

            @Override
            public void sendPasswordReset(User user, String token) {
                LOG.warn("mail is not configured (SMTP_HOST): no password-reset mail sent to user {}", user.id());
            }
        };
    }
}
