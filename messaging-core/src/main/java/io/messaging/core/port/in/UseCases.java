package io.messaging.core.port.in;

import io.messaging.core.port.out.EventBus;

/**
 * Every use case of the core, one in-port each: what an inbound adapter's entry point is handed, so that it can give
 * each handler only the in-ports it uses. Implementations are thread-safe and return the same in-port on every call.
 */
public interface UseCases {
    /** The bus the core publishes its domain events on, after they are stored, for adapters that carry them. */
    EventBus events();

    RegisterUser registerUser();

    ActivateAccount activateAccount();

    LogIn logIn();

    Authenticate authenticate();

    ChangePassword changePassword();

    RequestPasswordReset requestPasswordReset();

    ResetPassword resetPassword();

    ViewUser viewUser();

    SearchUsers searchUsers();

    SendMessage sendMessage();

    EditMessage editMessage();

    DeleteMessage deleteMessage();

    ReactToMessage reactToMessage();

    MarkRead markRead();

    CountUnread countUnread();

    ListHistory listHistory();

    SearchMessages searchMessages();

    ListConversations listConversations();

    ViewConversation viewConversation();

    FindDirectConversation findDirectConversation();

    CreateGroup createGroup();

    AddParticipants addParticipants();

    RemoveParticipant removeParticipant();

    UploadAttachment uploadAttachment();

    DownloadAttachment downloadAttachment();

    SetTyping setTyping();

    ExpireTyping expireTyping();

    Connect connect();

    ListOnlineContacts listOnlineContacts();

    /** Ends the presence of nodes that stopped; a no-op on one node. */
    SweepPresence sweepPresence();

    /** Rate limits by key and window, counted across nodes when they share the counts. */
    LimitAttempts limitAttempts();

    SubscribeToPush subscribeToPush();

    ListPushSubscriptions listPushSubscriptions();

    UnsubscribeFromPush unsubscribeFromPush();

    /** Turns stored messages into queued pushes; a no-op when no push sender is configured. */
    DecidePushes decidePushes();

    /** Sends the due queued pushes; a no-op when no push sender is configured. */
    DispatchPushes dispatchPushes();

    ScheduleMessage scheduleMessage();

    ListScheduledMessages listScheduledMessages();

    EditScheduledMessage editScheduledMessage();

    CancelScheduledMessage cancelScheduledMessage();

    DispatchScheduled dispatchScheduled();

    /** Turns on end-to-end encryption in a conversation. */
    EncryptConversation encryptConversation();

    RegisterDevice registerDevice();

    UploadPreKeys uploadPreKeys();

    RemoveDevice removeDevice();

    /** Lists a user's devices, and checks that a device a caller names is their own. */
    ListDevices listDevices();

    ClaimPreKeys claimPreKeys();
}
