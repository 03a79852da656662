package io.messaging.core.port.in;

/** The sizes the use cases accept, in one place so adapters and docs can quote them. */
public final class Limits {
    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 32;
    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;
    public static final int DISPLAY_NAME_MAX = 64;
    public static final int CONTENT_MAX = 10_000;
    public static final int CLIENT_MESSAGE_ID_MAX = 100;
    public static final int ATTACHMENTS_MAX = 10;
    public static final int ATTACHMENT_NAME_MAX = 255;
    public static final int TITLE_MAX = 100;
    public static final int GROUP_PARTICIPANTS_MAX = 256;
    public static final int EMOJI_MAX = 32;
    public static final int SEARCH_QUERY_MAX = 200;
    public static final int PAGE_DEFAULT = 50;
    public static final int PAGE_MAX = 100;
    public static final int MARK_READ_IDS_MAX = 500;
    /** A voice message lasts at most 15 minutes. */
    public static final long VOICE_DURATION_MAX_MS = 15 * 60 * 1000;

    public static final int VOICE_WAVEFORM_MAX = 128;

    /** A user registers at most this many devices for end-to-end encryption. */
    public static final int DEVICES_PER_USER_MAX = 10;

    public static final int DEVICE_NAME_MAX = 64;
    /** A public key or signature is base64url of at most this many characters. */
    public static final int KEY_MAX = 256;

    public static final int PREKEYS_PER_UPLOAD_MAX = 100;
    public static final int PREKEYS_STORED_MAX = 500;
    /** Prekey key ids are unsigned 32-bit numbers. */
    public static final long PREKEY_ID_MAX = 0xFFFF_FFFFL;
    /** An encrypted message's envelope body is base64url of at most 64 KiB characters. */
    public static final int ENVELOPE_BODY_MAX = 64 * 1024;

    public static final int ENVELOPES_MAX = 1_000;
    /** Prekey bundles one user may claim per {@link #CLAIM_WINDOW_MINUTES}, all devices together. */
    public static final int CLAIMS_PER_WINDOW = 100;
    /** Prekey bundles one user may claim of one device per {@link #CLAIM_WINDOW_MINUTES}. */
    public static final int CLAIMS_PER_DEVICE_PER_WINDOW = 10;

    public static final int CLAIM_WINDOW_MINUTES = 60;

    private Limits() {}

    /** A requested page size clamped to 1..{@link #PAGE_MAX}. */
    public static int clampPage(int limit) {
        return Math.max(1, Math.min(PAGE_MAX, limit));
    }
}
