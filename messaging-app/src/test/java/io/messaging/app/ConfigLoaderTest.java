package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messaging.push.VapidKeys;
import io.messaging.rest.RestSettings;
import io.messaging.ws.RecoveryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private static ServerConfig valid(Map<String, String> env) {
        return assertInstanceOf(ConfigLoader.Loaded.Valid.class, ConfigLoader.load(env))
                .config();
    }

    @Test
    void appliesTheDocumentedDefaults() {
        var config = valid(Map.of());
        assertEquals(3000, config.port());
        assertEquals("http://localhost:3000", config.clientOrigin());
        assertEquals(Optional.empty(), config.jwtSecret());
        assertEquals(Duration.ofDays(7), config.jwtExpiresIn());
        assertEquals(Optional.empty(), config.mongodbUri());
        assertEquals(Path.of("./data"), config.dataDir());
        assertFalse(config.requireActivation());
        assertEquals(10L * 1024 * 1024, config.uploadMaxBytes());
        assertEquals(Duration.ofSeconds(25), config.socketPingInterval());
        assertEquals(Duration.ofSeconds(20), config.socketPingTimeout());
        assertEquals(Duration.ofSeconds(45), config.socketConnectTimeout());
        assertEquals(1_000_000, config.socketMaxPayload());
    }

    @Test
    void readsEveryVariable() {
        var config = valid(Map.ofEntries(
                Map.entry("PORT", "8080"),
                Map.entry("CLIENT_HOST", "https://chat.example.com/app"),
                Map.entry("JWT_SECRET", "0123456789abcdef0123456789abcdef"),
                Map.entry("JWT_EXPIRES_IN", "12h"),
                Map.entry("MONGODB_URI", "mongodb://db:27017/chat"),
                Map.entry("DATA_DIR", "/var/lib/chat"),
                Map.entry("SMTP_HOST", "smtp.example.com"),
                Map.entry("MAIL_FROM", "chat@example.com"),
                Map.entry("UPLOAD_MAX_BYTES", "2048"),
                Map.entry("UPLOAD_ALLOWED_TYPES", "image/*, application/pdf"),
                Map.entry("SOCKET_PING_INTERVAL", "1s")));
        assertEquals(8080, config.port());
        assertEquals("https://chat.example.com", config.clientOrigin());
        assertEquals(Duration.ofHours(12), config.jwtExpiresIn());
        assertEquals(Optional.of("mongodb://db:27017/chat"), config.mongodbUri());
        assertTrue(config.requireActivation(), "SMTP implies activation");
        assertEquals(587, config.smtp().orElseThrow().port());
        assertEquals(List.of("image/*", "application/pdf"), config.uploadAllowedTypes());
        assertEquals(Duration.ofSeconds(1), config.socketPingInterval());
        assertFalse(
                valid(Map.of("SMTP_HOST", "h", "REQUIRE_ACTIVATION", "false")).requireActivation());
    }

    @ParameterizedTest
    @CsvSource({
        "PORT, 0",
        "PORT, http",
        "CLIENT_HOST, ftp://example.com",
        "CLIENT_HOST, not a url",
        "JWT_SECRET, too-short",
        "JWT_EXPIRES_IN, forever",
        "MONGODB_URI, mongodb://db:27017",
        "REQUIRE_ACTIVATION, maybe",
        "UPLOAD_MAX_BYTES, -1",
        "UPLOAD_ALLOWED_TYPES, images",
        "SOCKET_PING_TIMEOUT, 0",
        "SQLITE_DURABILITY, sometimes",
        "APP_ENV, staging",
        "JWT_CLOCK_SKEW, a while",
        "RATE_LIMIT_LOGIN_PER_ADDRESS, 0",
        "RATE_LIMIT_LOGIN_PER_ACCOUNT, many",
        "RATE_LIMIT_REGISTER_PER_ADDRESS, -5",
        "RATE_LIMIT_RESET_PER_ADDRESS, 1.5",
        "RATE_LIMIT_RESET_PER_ACCOUNT, 0",
        "RATE_LIMIT_WINDOW, 0",
        "SOCKET_EVENT_RATE, 0",
        "SOCKET_EVENT_BURST, lots",
        "SOCKET_RECOVERY_WINDOW, soon",
        "SOCKET_RECOVERY_SESSION_EVENTS, 0",
        "SOCKET_RECOVERY_TOTAL_EVENTS, none",
    })
    void namesTheFirstWrongVariable(String variable, String value) {
        var invalid = assertInstanceOf(ConfigLoader.Loaded.Invalid.class, ConfigLoader.load(Map.of(variable, value)));
        assertEquals(variable, invalid.variable());
        assertTrue(invalid.line().startsWith("invalid configuration: " + variable + " "), invalid.line());
    }

    @Test
    void limitsDefaultToTodaysValuesAndAreEachConfigurable() {
        var defaults = valid(Map.of());
        assertEquals(Duration.ZERO, defaults.jwtClockSkew());
        assertEquals(
                new RestSettings.RateLimits(20, 10, 20, 5, 3, Duration.ofMinutes(1)),
                defaults.limits().rateLimits());
        assertEquals(50, defaults.limits().socketEventRate());
        assertEquals(100, defaults.limits().socketEventBurst());

        var tuned = valid(Map.of(
                "JWT_CLOCK_SKEW",
                "30s",
                "RATE_LIMIT_LOGIN_PER_ADDRESS",
                "200",
                "RATE_LIMIT_LOGIN_PER_ACCOUNT",
                "11",
                "RATE_LIMIT_REGISTER_PER_ADDRESS",
                "5000",
                "RATE_LIMIT_RESET_PER_ADDRESS",
                "6",
                "RATE_LIMIT_RESET_PER_ACCOUNT",
                "4",
                "RATE_LIMIT_WINDOW",
                "5m",
                "SOCKET_EVENT_RATE",
                "7",
                "SOCKET_EVENT_BURST",
                "9"));
        assertEquals(Duration.ofSeconds(30), tuned.jwtClockSkew());
        assertEquals(
                new RestSettings.RateLimits(200, 11, 5000, 6, 4, Duration.ofMinutes(5)),
                tuned.limits().rateLimits());
        assertEquals(7, tuned.limits().socketEventRate());
        assertEquals(9, tuned.limits().socketEventBurst());
        assertEquals(Duration.ZERO, valid(Map.of("JWT_CLOCK_SKEW", "0")).jwtClockSkew());
    }

    @Test
    void socketRecoveryDefaultsToTwoMinutesAndZeroTurnsItOff() {
        assertEquals(
                new RecoveryOptions(Duration.ofMinutes(2), 1000, 20_000),
                valid(Map.of()).socketRecovery());
        var tuned = valid(Map.of(
                "SOCKET_RECOVERY_WINDOW",
                "30s",
                "SOCKET_RECOVERY_SESSION_EVENTS",
                "50",
                "SOCKET_RECOVERY_TOTAL_EVENTS",
                "500"));
        assertEquals(new RecoveryOptions(Duration.ofSeconds(30), 50, 500), tuned.socketRecovery());
        assertFalse(
                valid(Map.of("SOCKET_RECOVERY_WINDOW", "0")).socketRecovery().enabled());
        assertEquals(
                "SOCKET_RECOVERY_TOTAL_EVENTS",
                invalidVariable(Map.of("SOCKET_RECOVERY_SESSION_EVENTS", "100", "SOCKET_RECOVERY_TOTAL_EVENTS", "10")));
    }

    @Test
    void productionRequiresASecret() {
        var invalid =
                assertInstanceOf(ConfigLoader.Loaded.Invalid.class, ConfigLoader.load(Map.of("APP_ENV", "production")));
        assertEquals("JWT_SECRET", invalid.variable());
    }

    private static Map<String, String> severalNodes(String... overrides) {
        var keys = VapidKeys.generate();
        var env = new java.util.HashMap<>(Map.of(
                "REDIS_URL", "redis://redis:6379/0",
                "MONGODB_URI", "mongodb://db:27017/chat",
                "JWT_SECRET", "0123456789abcdef0123456789abcdef",
                "VAPID_PUBLIC_KEY", keys.publicKeyBase64Url(),
                "VAPID_PRIVATE_KEY", keys.privateKeyBase64Url()));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                env.remove(overrides[i]);
            } else {
                env.put(overrides[i], overrides[i + 1]);
            }
        }
        return env;
    }

    @Test
    void oneNodeWithoutRedisUrlAndSeveralWithIt() {
        assertEquals(Optional.empty(), valid(Map.of()).cluster());
        var cluster = valid(severalNodes("REDIS_NODE_TTL", "3s")).cluster().orElseThrow();
        assertEquals("redis://redis:6379/0", cluster.redisUrl());
        assertEquals(Duration.ofSeconds(3), cluster.nodeTtl());
        assertEquals(
                Duration.ofSeconds(10),
                valid(severalNodes()).cluster().orElseThrow().nodeTtl());
    }

    @Test
    void severalNodesNeedMongoDbAndSharedSecrets() {
        var sqlite = assertInstanceOf(
                ConfigLoader.Loaded.Invalid.class, ConfigLoader.load(severalNodes("MONGODB_URI", null)));
        assertEquals("REDIS_URL", sqlite.variable());
        assertTrue(sqlite.line().contains("MongoDB"), sqlite.line());
        assertEquals("JWT_SECRET", invalidVariable(severalNodes("JWT_SECRET", null)));
        assertEquals(
                "VAPID_PUBLIC_KEY", invalidVariable(severalNodes("VAPID_PUBLIC_KEY", null, "VAPID_PRIVATE_KEY", null)));
        assertEquals("REDIS_URL", invalidVariable(severalNodes("REDIS_URL", "localhost:6379")));
        assertEquals("REDIS_NODE_TTL", invalidVariable(severalNodes("REDIS_NODE_TTL", "200ms")));
    }

    private static String invalidVariable(Map<String, String> env) {
        return assertInstanceOf(ConfigLoader.Loaded.Invalid.class, ConfigLoader.load(env))
                .variable();
    }

    @Test
    void vapidKeysComeInCheckedPairsWithAContact() {
        var keys = VapidKeys.generate();
        var other = VapidKeys.generate();
        String publicKey = keys.publicKeyBase64Url();
        String privateKey = keys.privateKeyBase64Url();

        assertEquals("VAPID_PRIVATE_KEY", invalidVariable(Map.of("VAPID_PUBLIC_KEY", publicKey)));
        assertEquals("VAPID_PUBLIC_KEY", invalidVariable(Map.of("VAPID_PRIVATE_KEY", privateKey)));
        assertEquals(
                "VAPID_PUBLIC_KEY",
                invalidVariable(Map.of("VAPID_PUBLIC_KEY", "BAD", "VAPID_PRIVATE_KEY", privateKey)));
        assertEquals(
                "VAPID_PRIVATE_KEY",
                invalidVariable(
                        Map.of("VAPID_PUBLIC_KEY", publicKey, "VAPID_PRIVATE_KEY", other.privateKeyBase64Url())));
        assertEquals("VAPID_SUBJECT", invalidVariable(Map.of("VAPID_SUBJECT", "ops@example.com")));
        assertEquals(
                "VAPID_SUBJECT",
                invalidVariable(Map.of(
                        "APP_ENV",
                        "production",
                        "JWT_SECRET",
                        "a-production-secret-that-is-long-enough",
                        "VAPID_PUBLIC_KEY",
                        publicKey,
                        "VAPID_PRIVATE_KEY",
                        privateKey)));
        assertEquals("PUSH_ALLOW_INSECURE", invalidVariable(Map.of("PUSH_ALLOW_INSECURE", "maybe")));

        var valid = assertInstanceOf(
                ConfigLoader.Loaded.Valid.class,
                ConfigLoader.load(Map.of(
                        "VAPID_PUBLIC_KEY",
                        publicKey,
                        "VAPID_PRIVATE_KEY",
                        privateKey,
                        "VAPID_SUBJECT",
                        "mailto:ops@example.com",
                        "PUSH_ALLOW_INSECURE",
                        "true")));
        assertEquals(Optional.of(publicKey), valid.config().push().vapidPublicKey());
        assertEquals("mailto:ops@example.com", valid.config().push().vapidSubject());
        assertTrue(valid.config().push().allowInsecure());
        assertFalse(valid.config().push().toString().contains(privateKey));
    }
}
