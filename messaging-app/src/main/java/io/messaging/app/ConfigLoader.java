package io.messaging.app;

import io.messaging.push.VapidKeys;
import io.messaging.rest.RestSettings;
import io.messaging.ws.RecoveryOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// Over 300 lines because it reads and checks every environment variable of the README's table, one after the other, in
// one place.
/** Reads {@link ServerConfig} from environment variables, naming the first variable that is wrong. */
public final class ConfigLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    /** The outcome of loading: a configuration, or the variable that is wrong and why. */
    public sealed interface Loaded {
        /** Every variable is valid. */
        record Valid(ServerConfig config) implements Loaded {}

        /** {@code variable} is wrong; the server must not start. */
        record Invalid(String variable, String reason) implements Loaded {
            /** The one line printed before exiting. */
            public String line() {
                return "invalid configuration: " + variable + " " + reason;
            }
        }
    }

    private static final class InvalidVariable extends RuntimeException {
        private final String variable;

        InvalidVariable(String variable, String reason) {
            super(reason, null, false, false);
            this.variable = variable;
        }
    }

    private final Map<String, String> env;

    private ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** Loads from the given variables (the process environment in production, a map in tests). */
    public static Loaded load(Map<String, String> env) {
        try {
            return new Loaded.Valid(new ConfigLoader(env).read());
        } catch (InvalidVariable e) {
            return new Loaded.Invalid(e.variable, e.getMessage());
        }
    }

    private ServerConfig read() {
        int port = (int) integer("PORT", 3000, 1, 65535);
        URI clientHost = url("CLIENT_HOST", "http://localhost:" + port);
        String environment = text("APP_ENV").orElse("development").toLowerCase(Locale.ROOT);
        if (!environment.equals("development") && !environment.equals("production")) {
            throw new InvalidVariable("APP_ENV", "must be development or production");
        }
        boolean production = environment.equals("production");
        Optional<String> jwtSecret = text("JWT_SECRET");
        if (jwtSecret.isPresent() && jwtSecret.get().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new InvalidVariable("JWT_SECRET", "must be at least 32 bytes");
        }
        if (jwtSecret.isEmpty() && production) {
            throw new InvalidVariable("JWT_SECRET", "is required when APP_ENV=production");
        }
        Duration jwtExpiresIn = duration("JWT_EXPIRES_IN", Duration.ofDays(7), "s");
        Optional<String> mongodbUri = text("MONGODB_URI");
        if (mongodbUri.isPresent() && !mongodbUri.get().matches("mongodb(\\+srv)?://[^/]+/[^/?]+.*")) {
            throw new InvalidVariable("MONGODB_URI", "must look like mongodb://host:port/database");
        }
        Path dataDir = Path.of(text("DATA_DIR").orElse("./data"));
        String sync = text("SQLITE_DURABILITY").orElse("crash").toLowerCase(Locale.ROOT);
        if (!sync.equals("crash") && !sync.equals("power-loss")) {
            throw new InvalidVariable("SQLITE_DURABILITY", "must be crash or power-loss");
        }
        Optional<ServerConfig.Smtp> smtp = smtp();
        boolean requireActivation = bool("REQUIRE_ACTIVATION", smtp.isPresent());
        if (requireActivation && smtp.isEmpty()) {
            throw new InvalidVariable("REQUIRE_ACTIVATION", "needs SMTP_HOST, or activation mails cannot be sent");
        }
        long uploadMaxBytes = integer("UPLOAD_MAX_BYTES", 10L * 1024 * 1024, 1, 1L << 32);
        List<String> uploadTypes = text("UPLOAD_ALLOWED_TYPES")
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
        if (uploadTypes.stream().anyMatch(type -> !type.matches("[a-zA-Z0-9.+-]+/([a-zA-Z0-9.+-]+\\*?|\\*)"))) {
            throw new InvalidVariable(
                    "UPLOAD_ALLOWED_TYPES", "must be a comma-separated list like image/*,application/pdf");
        }
        return new ServerConfig(
                port,
                clientHost,
                jwtSecret,
                jwtExpiresIn,
                production,
                mongodbUri,
                dataDir,
                sync.equals("power-loss"),
                smtp,
                requireActivation,
                uploadMaxBytes,
                uploadTypes,
                duration("SOCKET_PING_INTERVAL", Duration.ofSeconds(25), "ms"),
                duration("SOCKET_PING_TIMEOUT", Duration.ofSeconds(20), "ms"),
                duration("SOCKET_CONNECT_TIMEOUT", Duration.ofSeconds(45), "ms"),
                (int) integer("SOCKET_MAX_PAYLOAD", 1_000_000, 1024, 100_000_000),
                bool("TRUST_PROXY", false),
                duration("SHUTDOWN_GRACE", Duration.ofSeconds(5), "ms"),
                duration("JWT_CLOCK_SKEW", Duration.ZERO, "s", true),
                limits(),
                push(clientHost, production),
                socketRecovery(),
                cluster(mongodbUri, jwtSecret));
    }

    /** Several nodes share what one node keeps to itself: MongoDB, the secrets, and Redis. */
    private Optional<ServerConfig.Cluster> cluster(Optional<String> mongodbUri, Optional<String> jwtSecret) {
        Optional<String> url = text("REDIS_URL");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.get().matches("rediss?://[^/?#]+(/\\d+)?")) {
            throw new InvalidVariable("REDIS_URL", "must look like redis://host:port or redis://host:port/0");
        }
        if (mongodbUri.isEmpty()) {
            throw new InvalidVariable(
                    "REDIS_URL",
                    "means several nodes, and several nodes need MongoDB: set MONGODB_URI (SQLite is one"
                            + " node's own file)");
        }
        if (jwtSecret.isEmpty()) {
            throw new InvalidVariable(
                    "JWT_SECRET", "is required with REDIS_URL: every node must sign and check tokens with one secret");
        }
        for (String key : List.of("VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY")) {
            if (text(key).isEmpty()) {
                throw new InvalidVariable(
                        key, "is required with REDIS_URL: every node must sign pushes with one key pair");
            }
        }
        Duration ttl = duration("REDIS_NODE_TTL", Duration.ofSeconds(10), "s");
        if (ttl.toMillis() < 1000) {
            throw new InvalidVariable("REDIS_NODE_TTL", "must be at least 1s");
        }
        return Optional.of(new ServerConfig.Cluster(url.get(), ttl));
    }

    private RecoveryOptions socketRecovery() {
        var defaults = RecoveryOptions.defaults();
        Duration window = duration("SOCKET_RECOVERY_WINDOW", defaults.window(), "ms", true);
        int perSession = (int) integer("SOCKET_RECOVERY_SESSION_EVENTS", defaults.sessionEvents(), 1, 1_000_000);
        int total = (int)
                integer("SOCKET_RECOVERY_TOTAL_EVENTS", Math.max(defaults.totalEvents(), perSession), 1, 100_000_000);
        if (total < perSession) {
            throw new InvalidVariable(
                    "SOCKET_RECOVERY_TOTAL_EVENTS", "must be at least SOCKET_RECOVERY_SESSION_EVENTS");
        }
        return new RecoveryOptions(window, perSession, total);
    }

    private ServerConfig.Push push(URI clientHost, boolean production) {
        Optional<String> publicKey = text("VAPID_PUBLIC_KEY");
        Optional<String> privateKey = text("VAPID_PRIVATE_KEY");
        if (publicKey.isPresent() != privateKey.isPresent()) {
            String missing = publicKey.isPresent() ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY";
            throw new InvalidVariable(
                    missing, "is required with " + (publicKey.isPresent() ? "VAPID_PUBLIC_KEY" : "VAPID_PRIVATE_KEY"));
        }
        if (publicKey.isPresent()) {
            try {
                VapidKeys.parse(publicKey.get(), privateKey.get());
            } catch (VapidKeys.InvalidKeyException e) {
                throw new InvalidVariable(
                        e.privateKeyAtFault() ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY", e.getMessage());
            }
        }
        Optional<String> subject = text("VAPID_SUBJECT");
        if (subject.isPresent() && !subject.get().matches("(mailto:[^@\\s]+@[^@\\s]+|https://[^\\s]+)")) {
            throw new InvalidVariable("VAPID_SUBJECT", "must be a mailto: address or an https: URL");
        }
        if (subject.isEmpty() && publicKey.isPresent() && production) {
            throw new InvalidVariable("VAPID_SUBJECT", "is required with the VAPID keys when APP_ENV=production");
        }
        return new ServerConfig.Push(
                publicKey,
                privateKey,
                subject.orElse("mailto:push@" + clientHost.getHost()),
                bool("PUSH_ALLOW_INSECURE", false));
    }

    private ServerConfig.Limits limits() {
        var defaults = RestSettings.RateLimits.DEFAULT;
        var rest = new RestSettings.RateLimits(
                (int) integer("RATE_LIMIT_LOGIN_PER_ADDRESS", defaults.loginPerAddress(), 1, 1_000_000_000),
                (int) integer("RATE_LIMIT_LOGIN_PER_ACCOUNT", defaults.loginPerAccount(), 1, 1_000_000_000),
                (int) integer("RATE_LIMIT_REGISTER_PER_ADDRESS", defaults.registerPerAddress(), 1, 1_000_000_000),
                (int) integer("RATE_LIMIT_RESET_PER_ADDRESS", defaults.resetPerAddress(), 1, 1_000_000_000),
                (int) integer("RATE_LIMIT_RESET_PER_ACCOUNT", defaults.resetPerAccount(), 1, 1_000_000_000),
                duration("RATE_LIMIT_WINDOW", defaults.window(), "s"));
        int rate = (int) integer("SOCKET_EVENT_RATE", 50, 1, 1_000_000);
        int burst = (int) integer("SOCKET_EVENT_BURST", 100, 1, 10_000_000);
        return new ServerConfig.Limits(rest, rate, burst);
    }

    private Optional<ServerConfig.Smtp> smtp() {
        Optional<String> host = text("SMTP_HOST");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        int port = (int) integer("SMTP_PORT", 587, 1, 65535);
        String from = text("MAIL_FROM").orElse("no-reply@" + host.get());
        if (!from.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidVariable("MAIL_FROM", "must be an email address");
        }
        return Optional.of(new ServerConfig.Smtp(
                host.get(), port, text("SMTP_USER"), text("SMTP_PASSWORD"), from, bool("SMTP_STARTTLS", port == 587)));
    }

    private Optional<String> text(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private long integer(String name, long fallback, long min, long max) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                throw new InvalidVariable(name, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidVariable(name, "must be a whole number");
        }
    }

    private boolean bool(String name, boolean fallback) {
        Optional<String> raw = text(name).map(value -> value.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidVariable(name, "must be true or false");
        };
    }

    /** A duration like {@code 3600}, {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h} or {@code 7d}. */
    private Duration duration(String name, Duration fallback, String defaultUnit) {
        return duration(name, fallback, defaultUnit, false);
    }

    private Duration duration(String name, Duration fallback, String defaultUnit, boolean zeroAllowed) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(raw.get());
        if (!matcher.matches()) {
            throw new InvalidVariable(name, "must be a duration like 500ms, 30s, 15m, 12h or 7d");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? defaultUnit : matcher.group(2);
        Duration value = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (value.isZero() && !zeroAllowed) {
            throw new InvalidVariable(name, "must be more than zero");
        }
        return value;
    }

    private URI url(String name, String fallback) {
        String raw = text(name).orElse(fallback);
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidVariable(name, "must be an http(s) URL like https://chat.example.com");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidVariable(name, "must be an http(s) URL like https://chat.example.com");
        }
    }
}
