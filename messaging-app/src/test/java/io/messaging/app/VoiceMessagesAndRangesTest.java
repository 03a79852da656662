package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.messaging.core.audio.AudioFiles;
import io.messaging.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Voice messages and ranged attachment downloads over real HTTP, on the whole server with each store: embedded
 * SQLite (files in DATA_DIR) and MongoDB (GridFS, on the embedded wire-protocol server).
 */
class VoiceMessagesAndRangesTest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static MongoServer mongo;
    private static RunningServer sqliteServer;
    private static RunningServer mongoServer;

    @BeforeAll
    static void startServers() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        var address = mongo.bind();
        sqliteServer = new RunningServer(Map.of());
        mongoServer = new RunningServer(Map.of(
                "MONGODB_URI",
                "mongodb://127.0.0.1:" + address.getPort() + "/voice_"
                        + UUID.randomUUID().toString().replace("-", "") + "?serverSelectionTimeoutMS=3000"));
    }

    @AfterAll
    static void stopServers() {
        sqliteServer.close();
        mongoServer.close();
        mongo.shutdownNow();
    }

    static Stream<String> stores() {
        return Stream.of("sqlite", "mongo");
    }

    /** Two users of one server, and what they send and fetch. */
    private static final class Pair {
        final String base;
        final ApiClient api;
        final ApiClient.Account alice;
        final ApiClient.Account bob;

        Pair(String store) throws Exception {
            base = (store.equals("sqlite") ? sqliteServer : mongoServer).base;
            api = new ApiClient(base);
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            alice = api.account("alice" + suffix);
            bob = api.account("bob" + suffix);
        }

        String upload(String contentType, byte[] bytes) throws Exception {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/attachments"))
                            .header("Authorization", "Bearer " + alice.token())
                            .header("Content-Type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), response.body());
            return WireJson.MAPPER.readTree(response.body()).get("id").asText();
        }

        ApiClient.Reply sendVoice(String voiceJson, String... attachmentIds) throws Exception {
            String attachments = String.join(
                    ",",
                    Arrays.stream(attachmentIds)
                            .map(id -> "{\"id\":\"" + id + "\"}")
                            .toList());
            return api.call(
                    "POST",
                    "/api/messages",
                    alice.token(),
                    "{\"recipientId\":\"" + bob.id()
                            + "\",\"type\":\"voice\",\"attachments\":[" + attachments + "]"
                            + (voiceJson == null ? "" : ",\"voice\":" + voiceJson) + "}");
        }

        HttpResponse<byte[]> download(String method, String attachmentId, String token, String... headers)
                throws Exception {
            var request = HttpRequest.newBuilder(URI.create(base + "/api/attachments/" + attachmentId))
                    .header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (headers.length > 0) {
                request.headers(headers);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static void assertInvalid(ApiClient.Reply reply, String what) {
        assertEquals(400, reply.status(), what + ": " + reply.body());
        assertEquals("validation_failed", reply.body().get("code").asText(), what);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aVoiceMessageRoundTripsWithItsDurationAndWaveform(String store) throws Exception {
        var pair = new Pair(store);
        String wav = pair.upload("audio/wav", AudioFiles.wav(3000));
        String ogg = pair.upload("audio/ogg; codecs=opus", AudioFiles.oggOpus(7000));

        var first = pair.sendVoice("{\"durationMs\":3100,\"waveform\":[0,0.25,1]}", wav);
        var second = pair.sendVoice("{\"durationMs\":6800,\"waveform\":[0.5]}", ogg);

        assertEquals(201, first.status(), first.body().toString());
        assertEquals(201, second.status(), second.body().toString());
        assertEquals("voice", first.body().get("type").asText());
        assertEquals(
                "audio/ogg",
                second.body().get("attachments").get(0).get("contentType").asText());
        String conversationId = first.body().get("conversationId").asText();
        var history = pair.api.history(conversationId, pair.bob.token());
        assertEquals(2, history.size());
        assertVoice(history.get(0), 3100, "[0.0,0.25,1.0]");
        assertVoice(history.get(1), 6800, "[0.5]");
        JsonNode list = pair.api
                .call("GET", "/api/messages/conversations", pair.bob.token(), null)
                .body();
        assertVoice(list.get("items").get(0).get("lastMessage"), 6800, "[0.5]");
    }

    private static void assertVoice(JsonNode message, long durationMs, String waveform) {
        assertEquals("voice", message.get("type").asText(), message.toString());
        assertEquals(durationMs, message.get("voice").get("durationMs").asLong(), message.toString());
        assertEquals(waveform, WireJson.write(message.get("voice").get("waveform")));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void malformedVoiceMessagesAreRefusedWithValidationFailed(String store) throws Exception {
        var pair = new Pair(store);
        String ogg = pair.upload("audio/ogg", AudioFiles.oggOpus(2000));
        String image = pair.upload("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        String wav = pair.upload("audio/wav", AudioFiles.wav(3000));
        String ok = "{\"durationMs\":2000,\"waveform\":[0.5]}";

        assertInvalid(pair.sendVoice(ok, image), "a non-audio attachment");
        assertInvalid(pair.sendVoice(ok, ogg, ogg), "two attachments");
        assertInvalid(pair.sendVoice(ok), "no attachment");
        assertInvalid(pair.sendVoice(null, ogg), "no voice field");
        assertInvalid(pair.sendVoice("{\"durationMs\":0}", ogg), "a zero duration");
        assertInvalid(pair.sendVoice("{\"durationMs\":900001}", ogg), "over 15 minutes");
        assertInvalid(pair.sendVoice("{\"durationMs\":\"2000\"}", ogg), "a duration that is not a number");
        assertInvalid(pair.sendVoice("{\"durationMs\":2000,\"waveform\":[1.5]}", ogg), "a waveform value over 1");
        assertInvalid(
                pair.sendVoice("{\"durationMs\":2000,\"waveform\":[" + "0.1,".repeat(128) + "0.1]}", ogg),
                "129 waveform values");
        assertInvalid(pair.sendVoice("{\"durationMs\":60000}", wav), "a WAV of 3 s sent as 60 s");
        assertEquals(201, pair.sendVoice(ok, ogg).status());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void attachmentsAreServedByRangeToParticipantsOnly(String store) throws Exception {
        var pair = new Pair(store);
        byte[] bytes = AudioFiles.oggOpus(20_000);
        String id = pair.upload("audio/ogg", bytes);
        assertEquals(201, pair.sendVoice("{\"durationMs\":20000}", id).status());
        int size = bytes.length;
        var eve = pair.api.account("eve" + UUID.randomUUID().toString().substring(0, 8));

        var whole = pair.download("GET", id, pair.bob.token());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(bytes, whole.body());
        assertEquals(Optional.of("bytes"), whole.headers().firstValue("Accept-Ranges"));
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), "a strong ETag: " + etag);
        assertTrue(whole.headers().firstValue("Cache-Control").orElseThrow().startsWith("private, max-age="));

        assertPart(pair.download("GET", id, pair.bob.token(), "Range", "bytes=0-99"), bytes, 0, 99);
        assertPart(pair.download("GET", id, pair.bob.token(), "Range", "bytes=100-"), bytes, 100, size - 1);
        assertPart(pair.download("GET", id, pair.bob.token(), "Range", "bytes=-50"), bytes, size - 50, size - 1);
        assertPart(
                pair.download("GET", id, pair.bob.token(), "Range", "bytes=" + (size - 10) + "-" + (size + 500)),
                bytes,
                size - 10,
                size - 1);

        var unsatisfiable = pair.download("GET", id, pair.bob.token(), "Range", "bytes=" + size + "-");
        assertEquals(416, unsatisfiable.statusCode());
        assertEquals(Optional.of("bytes */" + size), unsatisfiable.headers().firstValue("Content-Range"));
        assertEquals(
                "range_not_satisfiable",
                WireJson.MAPPER.readTree(unsatisfiable.body()).get("code").asText());

        var stranger = pair.download("GET", id, eve.token(), "Range", "bytes=0-99");
        assertEquals(404, stranger.statusCode());
        assertEquals(
                "not_found",
                WireJson.MAPPER.readTree(stranger.body()).get("code").asText());
        assertEquals(
                404,
                pair.download("HEAD", id, eve.token(), "Range", "bytes=0-99").statusCode());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void conditionalRequestsAndHeadSpareTheDownload(String store) throws Exception {
        var pair = new Pair(store);
        byte[] bytes = AudioFiles.wav(1000);
        String id = pair.upload("audio/wav", bytes);
        String etag = pair.download("HEAD", id, pair.alice.token())
                .headers()
                .firstValue("ETag")
                .orElseThrow();

        var head = pair.download("HEAD", id, pair.alice.token());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(Optional.of(Integer.toString(bytes.length)), head.headers().firstValue("Content-Length"));
        assertEquals(Optional.of("bytes"), head.headers().firstValue("Accept-Ranges"));

        var notModified = pair.download("GET", id, pair.alice.token(), "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);

        assertPart(
                pair.download("GET", id, pair.alice.token(), "Range", "bytes=10-19", "If-Range", etag), bytes, 10, 19);
        var changed = pair.download("GET", id, pair.alice.token(), "Range", "bytes=10-19", "If-Range", "\"another\"");
        assertEquals(200, changed.statusCode(), "a range of another version is answered with the whole");
        assertArrayEquals(bytes, changed.body());
        var headRange = pair.download("HEAD", id, pair.alice.token(), "Range", "bytes=0-99");
        assertEquals(206, headRange.statusCode());
        assertEquals(
                Optional.of("bytes 0-99/" + bytes.length), headRange.headers().firstValue("Content-Range"));
    }

    private static void assertPart(HttpResponse<byte[]> response, byte[] bytes, int first, int last) {
        assertEquals(206, response.statusCode());
        assertEquals(
                Optional.of("bytes " + first + "-" + last + "/" + bytes.length),
                response.headers().firstValue("Content-Range"));
        assertEquals(
                Optional.of(Integer.toString(last - first + 1)),
                response.headers().firstValue("Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(bytes, first, last + 1), response.body());
    }
}
