package io.messaging.core.memory;

import io.messaging.core.model.User;
import io.messaging.core.port.out.Mailer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the mails it is asked to send instead of sending them: for embedding without mail, and for tests. */
public final class RecordingMailer implements Mailer {

    /** A mail that would have been sent. */
    public record SentMail(String kind, String email, String token) {}

    private final List<SentMail> sent = new CopyOnWriteArrayList<>();

    @Override
    public void sendActivation(User user, String token) {
        sent.add(new SentMail("activation", user.email(), token));
    }

    @Override
    public void sendPasswordReset(User user, String token) {
        sent.add(new SentMail("password-reset", user.email(), token));
    }

    /** Every mail so far, oldest first. */
    public List<SentMail> sent() {
        return List.copyOf(sent);
    }

    /** The newest mail of this kind to this address. */
    public Optional<SentMail> last(String kind, String email) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            var mail = sent.get(i);
            if (mail.kind().equals(kind) && mail.email().equalsIgnoreCase(email)) {
                return Optional.of(mail);
            }
        }
        return Optional.empty();
    }
}
