package io.messaging.core;

import io.messaging.core.memory.InMemoryAttemptWindows;
import io.messaging.core.memory.InMemoryPresenceRegistry;
import io.messaging.core.memory.InMemoryScheduledMessages;
import io.messaging.core.memory.InMemoryStores;
import io.messaging.core.memory.InMemoryTokenIssuer;
import io.messaging.core.memory.InProcessEventBus;
import io.messaging.core.memory.RecordingMailer;
import io.messaging.core.platform.Pbkdf2PasswordHasher;
import io.messaging.core.platform.RandomIdGenerator;
import io.messaging.core.platform.SystemClock;
import io.messaging.core.port.in.ActivateAccount;
import io.messaging.core.port.in.AddParticipants;
import io.messaging.core.port.in.Authenticate;
import io.messaging.core.port.in.CancelScheduledMessage;
import io.messaging.core.port.in.ChangePassword;
import io.messaging.core.port.in.ClaimPreKeys;
import io.messaging.core.port.in.Connect;
import io.messaging.core.port.in.CountUnread;
import io.messaging.core.port.in.CreateGroup;
import io.messaging.core.port.in.DecidePushes;
import io.messaging.core.port.in.DeleteMessage;
import io.messaging.core.port.in.DispatchPushes;
import io.messaging.core.port.in.DispatchScheduled;
import io.messaging.core.port.in.DownloadAttachment;
import io.messaging.core.port.in.EditMessage;
import io.messaging.core.port.in.EditScheduledMessage;
import io.messaging.core.port.in.EncryptConversation;
import io.messaging.core.port.in.ExpireTyping;
import io.messaging.core.port.in.FindDirectConversation;
import io.messaging.core.port.in.LimitAttempts;
import io.messaging.core.port.in.ListConversations;
import io.messaging.core.port.in.ListDevices;
import io.messaging.core.port.in.ListHistory;
import io.messaging.core.port.in.ListOnlineContacts;
import io.messaging.core.port.in.ListPushSubscriptions;
import io.messaging.core.port.in.ListScheduledMessages;
import io.messaging.core.port.in.LogIn;
import io.messaging.core.port.in.MarkRead;
import io.messaging.core.port.in.ReactToMessage;
import io.messaging.core.port.in.RegisterDevice;
import io.messaging.core.port.in.RegisterUser;
import io.messaging.core.port.in.RemoveDevice;
import io.messaging.core.port.in.RemoveParticipant;
import io.messaging.core.port.in.RequestPasswordReset;
import io.messaging.core.port.in.ResetPassword;
import io.messaging.core.port.in.ScheduleMessage;
import io.messaging.core.port.in.SearchMessages;
import io.messaging.core.port.in.SearchUsers;
import io.messaging.core.port.in.SendMessage;
import io.messaging.core.port.in.SetTyping;
import io.messaging.core.port.in.SubscribeToPush;
import io.messaging.core.port.in.SweepPresence;
import io.messaging.core.port.in.UnsubscribeFromPush;
import io.messaging.core.port.in.UploadAttachment;
import io.messaging.core.port.in.UploadPreKeys;
import io.messaging.core.port.in.UseCases;
import io.messaging.core.port.in.ViewConversation;
import io.messaging.core.port.in.ViewUser;
import io.messaging.core.port.out.AttemptWindows;
import io.messaging.core.port.out.Clock;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.IdGenerator;
import io.messaging.core.port.out.Mailer;
import io.messaging.core.port.out.PasswordHasher;
import io.messaging.core.port.out.PresenceRegistry;
import io.messaging.core.port.out.PushSender;
import io.messaging.core.port.out.ScheduledMessages;
import io.messaging.core.port.out.Stores;
import io.messaging.core.port.out.TokenIssuer;
import io.messaging.core.service.AccountRegistration;
import io.messaging.core.service.AttachmentHandling;
import io.messaging.core.service.AttachmentPolicy;
import io.messaging.core.service.AttemptLimiting;
import io.messaging.core.service.Authentication;
import io.messaging.core.service.ConversationManagement;
import io.messaging.core.service.ConversationPorts;
import io.messaging.core.service.DeviceDirectory;
import io.messaging.core.service.HistoryReading;
import io.messaging.core.service.MessageEditing;
import io.messaging.core.service.MessageSending;
import io.messaging.core.service.PasswordManagement;
import io.messaging.core.service.PresenceTracking;
import io.messaging.core.service.PushDeciding;
import io.messaging.core.service.PushDispatching;
import io.messaging.core.service.PushSettings;
import io.messaging.core.service.PushSubscribing;
import io.messaging.core.service.ReadTracking;
import io.messaging.core.service.ScheduledDispatch;
import io.messaging.core.service.ScheduledDispatchTimer;
import io.messaging.core.service.ScheduledMessaging;
import io.messaging.core.service.TypingTracking;
import io.messaging.core.service.UserDirectory;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

// Over 300 lines because it is the core's one composition root: a field and a getter per use case, a setter per
// out-port.
/**
 * The messaging core assembled from its out-ports: the one entry point that gives every use case. Build it with
 * {@link #builder()}; every out-port defaults to its in-memory adapter.
 */
public final class Messaging implements UseCases {
    private final EventBus events;
    private final AccountRegistration registration;
    private final Authentication authentication;
    private final PasswordManagement passwords;
    private final UserDirectory directory;
    private final MessageSending sending;
    private final MessageEditing editing;
    private final ReadTracking reading;
    private final HistoryReading history;
    private final ConversationManagement conversations;
    private final AttachmentHandling attachments;
    private final TypingTracking typing;
    private final PresenceTracking presence;
    private final AttemptLimiting attemptLimiting;
    private final PushSubscribing pushSubscribing;
    private final DecidePushes pushDeciding;
    private final DispatchPushes pushDispatching;
    private final ScheduledMessaging scheduling;
    private final ScheduledDispatch scheduledDispatch;
    private final DeviceDirectory deviceDirectory;
    private final Clock clock;

    private Messaging(Builder b) {
        Stores s = b.stores;
        this.events = b.eventBus;
        this.registration = new AccountRegistration(
                s.users(),
                s.oneTimeTokens(),
                b.passwordHasher,
                b.mailer,
                b.clock,
                b.idGenerator,
                b.activationRequired,
                b.activationValidity);
        this.authentication = new Authentication(s.users(), b.passwordHasher, b.tokenIssuer);
        this.passwords = new PasswordManagement(
                s.users(), s.oneTimeTokens(), b.passwordHasher, b.mailer, b.clock, b.resetValidity, events);
        this.directory = new UserDirectory(s.users());
        var conversationPorts =
                new ConversationPorts(s.users(), s.conversations(), s.messages(), events, b.clock, b.idGenerator);
        this.sending = new MessageSending(conversationPorts, s.attachments());
        this.editing = new MessageEditing(s.conversations(), s.messages(), events, b.clock);
        this.reading = new ReadTracking(s.conversations(), s.messages(), s.readReceipts(), events, b.clock);
        this.history = new HistoryReading(s.conversations(), s.messages());
        this.conversations = new ConversationManagement(conversationPorts, s.readReceipts());
        this.attachments = new AttachmentHandling(
                s.attachments(), s.conversations(), s.messages(), b.attachmentPolicy, b.clock, b.idGenerator);
        this.typing = new TypingTracking(s.conversations(), s.messages(), events, b.clock, b.typingExpiry);
        this.presence = new PresenceTracking(b.presenceRegistry, s.users(), s.conversations(), typing, events, b.clock);
        this.attemptLimiting = new AttemptLimiting(b.attemptWindows);
        this.pushSubscribing =
                new PushSubscribing(b.pushSender, s.pushSubscriptions(), b.pushSettings, b.clock, b.idGenerator);
        if (b.pushSender.isPresent()) {
            var deciding = new PushDeciding(
                    s.users(),
                    s.conversations(),
                    s.pushSubscriptions(),
                    s.pushQueue(),
                    b.presenceRegistry,
                    b.clock,
                    b.pushSettings);
            events.subscribeToLocal(deciding::handOver);
            this.pushDeciding = deciding;
            this.pushDispatching = new PushDispatching(
                    s.pushQueue(), s.pushSubscriptions(), b.pushSender.get(), b.clock, b.pushSettings);
        } else {
            this.pushDeciding = () -> 0;
            this.pushDispatching = () -> 0;
        }
        this.scheduling = new ScheduledMessaging(conversationPorts, sending, b.scheduledMessages);
        this.scheduledDispatch = new ScheduledDispatch(
                b.scheduledMessages, sending, s.users(), s.conversations(), events, b.clock, b.scheduledLease);
        this.deviceDirectory =
                new DeviceDirectory(s.users(), s.devices(), s.conversations(), b.attemptWindows, events, b.clock);
        this.clock = b.clock;
    }

    /** A builder with in-memory defaults for every out-port. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public EncryptConversation encryptConversation() {
        return conversations;
    }

    @Override
    public RegisterDevice registerDevice() {
        return deviceDirectory;
    }

    @Override
    public UploadPreKeys uploadPreKeys() {
        return deviceDirectory;
    }

    @Override
    public RemoveDevice removeDevice() {
        return deviceDirectory;
    }

    @Override
    public ListDevices listDevices() {
        return deviceDirectory;
    }

    @Override
    public ClaimPreKeys claimPreKeys() {
        return deviceDirectory;
    }

    @Override
    public EventBus events() {
        return events;
    }

    @Override
    public RegisterUser registerUser() {
        return registration;
    }

    @Override
    public ActivateAccount activateAccount() {
        return registration;
    }

    @Override
    public LogIn logIn() {
        return authentication;
    }

    @Override
    public Authenticate authenticate() {
        return authentication;
    }

    @Override
    public ChangePassword changePassword() {
        return passwords;
    }

    @Override
    public RequestPasswordReset requestPasswordReset() {
        return passwords;
    }

    @Override
    public ResetPassword resetPassword() {
        return passwords;
    }

    @Override
    public ViewUser viewUser() {
        return directory;
    }

    @Override
    public SearchUsers searchUsers() {
        return directory;
    }

    @Override
    public SendMessage sendMessage() {
        return sending;
    }

    @Override
    public EditMessage editMessage() {
        return editing;
    }

    @Override
    public DeleteMessage deleteMessage() {
        return editing;
    }

    @Override
    public ReactToMessage reactToMessage() {
        return editing;
    }

    @Override
    public MarkRead markRead() {
        return reading;
    }

    @Override
    public CountUnread countUnread() {
        return reading;
    }

    @Override
    public ListHistory listHistory() {
        return history;
    }

    @Override
    public SearchMessages searchMessages() {
        return history;
    }

    @Override
    public ListConversations listConversations() {
        return conversations;
    }

    @Override
    public ViewConversation viewConversation() {
        return conversations;
    }

    @Override
    public FindDirectConversation findDirectConversation() {
        return conversations;
    }

    @Override
    public CreateGroup createGroup() {
        return conversations;
    }

    @Override
    public AddParticipants addParticipants() {
        return conversations;
    }

    @Override
    public RemoveParticipant removeParticipant() {
        return conversations;
    }

    @Override
    public UploadAttachment uploadAttachment() {
        return attachments;
    }

    @Override
    public DownloadAttachment downloadAttachment() {
        return attachments;
    }

    @Override
    public SetTyping setTyping() {
        return typing;
    }

    @Override
    public ExpireTyping expireTyping() {
        return typing;
    }

    @Override
    public Connect connect() {
        return presence;
    }

    @Override
    public ListOnlineContacts listOnlineContacts() {
        return presence;
    }

    @Override
    public SweepPresence sweepPresence() {
        return presence;
    }

    @Override
    public LimitAttempts limitAttempts() {
        return attemptLimiting;
    }

    @Override
    public SubscribeToPush subscribeToPush() {
        return pushSubscribing;
    }

    @Override
    public ListPushSubscriptions listPushSubscriptions() {
        return pushSubscribing;
    }

    @Override
    public UnsubscribeFromPush unsubscribeFromPush() {
        return pushSubscribing;
    }

    /** Turns stored messages into queued pushes; a no-op when no push sender is configured. */
    @Override
    public DecidePushes decidePushes() {
        return pushDeciding;
    }

    /** Sends the due queued pushes; a no-op when no push sender is configured. */
    @Override
    public DispatchPushes dispatchPushes() {
        return pushDispatching;
    }

    @Override
    public ScheduleMessage scheduleMessage() {
        return scheduling;
    }

    @Override
    public ListScheduledMessages listScheduledMessages() {
        return scheduling;
    }

    @Override
    public EditScheduledMessage editScheduledMessage() {
        return scheduling;
    }

    @Override
    public CancelScheduledMessage cancelScheduledMessage() {
        return scheduling;
    }

    @Override
    public DispatchScheduled dispatchScheduled() {
        return scheduledDispatch;
    }

    /**
     * Starts sending scheduled messages on time from this process (overdue ones at once), with
     * {@code senderThreads} sends at a time; close the returned timer to stop.
     */
    public ScheduledDispatchTimer startScheduledDispatch(int senderThreads) {
        return new ScheduledDispatchTimer(scheduledDispatch, clock, events, senderThreads, Duration.ofSeconds(5));
    }

    /** Collects the out-ports and settings; anything not set uses its in-memory default. */
    public static final class Builder {
        private Clock clock = new SystemClock();
        private Stores stores;
        private PresenceRegistry presenceRegistry = new InMemoryPresenceRegistry();
        private AttemptWindows attemptWindows = new InMemoryAttemptWindows();
        private PasswordHasher passwordHasher;
        private TokenIssuer tokenIssuer;
        private Mailer mailer = new RecordingMailer();
        private IdGenerator idGenerator = new RandomIdGenerator();
        private EventBus eventBus = new InProcessEventBus();
        private boolean activationRequired;
        private AttachmentPolicy attachmentPolicy = AttachmentPolicy.DEFAULT;
        private Duration typingExpiry = Duration.ofSeconds(5);
        private Duration activationValidity = Duration.ofHours(48);
        private Duration resetValidity = Duration.ofHours(1);
        private Optional<PushSender> pushSender = Optional.empty();
        private PushSettings pushSettings = PushSettings.DEFAULT;
        private ScheduledMessages scheduledMessages;
        private Duration scheduledLease = Duration.ofSeconds(30);

        private Builder() {}

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder stores(Stores stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        public Builder presenceRegistry(PresenceRegistry presenceRegistry) {
            this.presenceRegistry = Objects.requireNonNull(presenceRegistry, "presenceRegistry");
            return this;
        }

        /** Where rate limits count attempts (default: in memory, this node only). */
        public Builder attemptWindows(AttemptWindows attemptWindows) {
            this.attemptWindows = Objects.requireNonNull(attemptWindows, "attemptWindows");
            return this;
        }

        public Builder passwordHasher(PasswordHasher passwordHasher) {
            this.passwordHasher = Objects.requireNonNull(passwordHasher, "passwordHasher");
            return this;
        }

        public Builder tokenIssuer(TokenIssuer tokenIssuer) {
            this.tokenIssuer = Objects.requireNonNull(tokenIssuer, "tokenIssuer");
            return this;
        }

        public Builder mailer(Mailer mailer) {
            this.mailer = Objects.requireNonNull(mailer, "mailer");
            return this;
        }

        public Builder idGenerator(IdGenerator idGenerator) {
            this.idGenerator = Objects.requireNonNull(idGenerator, "idGenerator");
            return this;
        }

        public Builder eventBus(EventBus eventBus) {
            this.eventBus = Objects.requireNonNull(eventBus, "eventBus");
            return this;
        }

        /** Whether new accounts must be activated through a mailed link before they can log in. */
        public Builder activationRequired(boolean activationRequired) {
            this.activationRequired = activationRequired;
            return this;
        }

        public Builder attachmentPolicy(AttachmentPolicy attachmentPolicy) {
            this.attachmentPolicy = Objects.requireNonNull(attachmentPolicy, "attachmentPolicy");
            return this;
        }

        /** How long a typing indicator lasts without a new start (default 5 s). */
        public Builder typingExpiry(Duration typingExpiry) {
            this.typingExpiry = Objects.requireNonNull(typingExpiry, "typingExpiry");
            return this;
        }

        public Builder activationValidity(Duration activationValidity) {
            this.activationValidity = Objects.requireNonNull(activationValidity, "activationValidity");
            return this;
        }

        public Builder resetValidity(Duration resetValidity) {
            this.resetValidity = Objects.requireNonNull(resetValidity, "resetValidity");
            return this;
        }

        /** Turns Web Push on: pushes for messages to users who have no live socket go through this sender. */
        public Builder pushSender(PushSender pushSender) {
            this.pushSender = Optional.of(Objects.requireNonNull(pushSender, "pushSender"));
            return this;
        }

        public Builder pushSettings(PushSettings pushSettings) {
            this.pushSettings = Objects.requireNonNull(pushSettings, "pushSettings");
            return this;
        }

        public Builder scheduledMessages(ScheduledMessages scheduledMessages) {
            this.scheduledMessages = Objects.requireNonNull(scheduledMessages, "scheduledMessages");
            return this;
        }

        /** How long a dispatcher's claim on a due scheduled message lasts before another may take it (30 s). */
        public Builder scheduledLease(Duration scheduledLease) {
            this.scheduledLease = Objects.requireNonNull(scheduledLease, "scheduledLease");
            return this;
        }

        /** The assembled core. */
        public Messaging build() {
            if (stores == null) {
                stores = InMemoryStores.create();
            }
            if (passwordHasher == null) {
                passwordHasher = new Pbkdf2PasswordHasher(210_000);
            }
            if (scheduledMessages == null) {
                scheduledMessages = new InMemoryScheduledMessages();
            }
            if (tokenIssuer == null) {
                tokenIssuer = new InMemoryTokenIssuer(clock, Duration.ofDays(7));
            }
            return new Messaging(this);
        }
    }
}
