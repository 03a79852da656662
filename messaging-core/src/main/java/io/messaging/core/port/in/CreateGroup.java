package io.messaging.core.port.in;

import io.messaging.core.model.Conversation;
import io.messaging.core.model.Outcome;
import io.messaging.core.model.UserId;
import java.util.List;
import java.util.Objects;

/** Creates a group conversation; its creator is always a participant. */
public interface CreateGroup {

    /** The creator, the title, the other participants, and whether the group is end-to-end encrypted. */
    record Command(UserId creatorId, String title, List<UserId> participantIds, boolean encrypted) {
        public Command {
            Objects.requireNonNull(creatorId, "creatorId");
            Objects.requireNonNull(title, "title");
            participantIds = List.copyOf(participantIds);
        }

        /** A group that is not encrypted. */
        public Command(UserId creatorId, String title, List<UserId> participantIds) {
            this(creatorId, title, participantIds, false);
        }
    }

    /** Failures: {@code validation_failed} for a blank or oversized title, too many or unknown participants. */
    Outcome<Conversation> create(Command command);
}
