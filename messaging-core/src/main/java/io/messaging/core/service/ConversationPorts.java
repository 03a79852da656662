package io.messaging.core.service;

import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.Conversations;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.IdGenerator;
import io.messaging.core.port.out.Messages;
import io.messaging.core.port.out.Users;

/** The out-ports that the services creating conversations and the messages in them all work with. */
public record ConversationPorts(
        Users users, Conversations conversations, Messages messages, EventBus events, Clock clock, IdGenerator ids) {}
