package io.messaging.rest;

import io.messaging.core.port.in.UseCases;
import io.messaging.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The REST API of the wire contract as a Jersey application, to be mounted at {@code /api}. */
public final class RestApi {
    private RestApi() {}

    /**
     * Every resource, filter and error mapper, each resource given only the core's in-ports it calls. {@code maxAttachmentBytes} lets an upload with a
     * larger Content-Length be refused before its body is read.
     */
    public static ResourceConfig resourceConfig(UseCases core, RestSettings settings, long maxAttachmentBytes) {
        var bodies = new Bodies(settings.maxJsonBytes());
        var config = features(new ResourceConfig())
                .register(new AuthResource(
                        new AuthResource.InPorts(
                                core.registerUser(),
                                core.activateAccount(),
                                core.logIn(),
                                core.changePassword(),
                                core.requestPasswordReset(),
                                core.resetPassword(),
                                core.limitAttempts()),
                        bodies,
                        new ClientAddress(settings.trustProxy()),
                        settings.rateLimits()))
                .register(new UserResource(new UserResource.InPorts(core.viewUser(), core.searchUsers())))
                .register(new MessageResource(
                        new MessageResource.InPorts(
                                core.viewUser(),
                                core.sendMessage(),
                                core.editMessage(),
                                core.deleteMessage(),
                                core.reactToMessage(),
                                core.markRead(),
                                core.countUnread(),
                                core.listHistory(),
                                core.searchMessages(),
                                core.listConversations(),
                                core.findDirectConversation(),
                                core.listDevices()),
                        bodies))
                .register(new ConversationResource(
                        new ConversationResource.InPorts(
                                core.markRead(),
                                core.listHistory(),
                                core.viewConversation(),
                                core.createGroup(),
                                core.addParticipants(),
                                core.removeParticipant(),
                                core.encryptConversation(),
                                core.listDevices()),
                        bodies))
                .register(new DeviceResource(
                        new DeviceResource.InPorts(core.registerDevice(), core.uploadPreKeys(), core.removeDevice()),
                        bodies))
                .register(
                        new UserDeviceResource(new UserDeviceResource.InPorts(core.listDevices(), core.claimPreKeys())))
                .register(new ScheduledMessageResource(
                        new ScheduledMessageResource.InPorts(
                                core.scheduleMessage(),
                                core.listScheduledMessages(),
                                core.editScheduledMessage(),
                                core.cancelScheduledMessage()),
                        bodies))
                .register(new AttachmentResource(
                        new AttachmentResource.InPorts(core.uploadAttachment(), core.downloadAttachment()),
                        maxAttachmentBytes))
                .register(new PushResource(
                        new PushResource.InPorts(
                                core.subscribeToPush(), core.listPushSubscriptions(), core.unsubscribeFromPush()),
                        bodies))
                .register(new HealthResource(settings.storeHealthy(), settings.sharedStateHealthy()))
                .register(new ConfigResource(settings.clientConfig()))
                .register(new DocsResource(swaggerUiVersion()))
                .register(new HeaderCheck())
                .register(new AuthenticationFilter(core.authenticate()))
                .register(new ErrorMappers.WebErrors())
                .register(new ErrorMappers.BadFields())
                .register(new ErrorMappers.StoreFailures())
                .register(new ErrorMappers.Unexpected());
        settings.allowedOrigin().ifPresent(origin -> config.register(new CorsFilter(origin)));
        return config;
    }

    /**
     * Builds and drops a JAX-RS application with this API's features and properties but no resource: run on a
     * thread of its own while the store opens, it loads and initializes what the real application then finds ready
     * (Jersey's injection and providers, Jackson's serializers for a JSON reply), which shortens a cold start on a
     * machine with more than one core.
     */
    public static void warmUp() {
        new ApplicationHandler(features(new ResourceConfig()));
        Replies.json(200, WireJson.MAPPER.createObjectNode().put("status", "ok"));
    }

    private static ResourceConfig features(ResourceConfig config) {
        return config.register(MultiPartFeature.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true);
    }

    /**
     * An RFC 9457 problem document ({@code application/problem+json}) with a stable {@code code}, for answers the
     * HTTP server writes before a request reaches JAX-RS (a malformed request line, a header too large).
     */
    public static String problemJson(int status, String code, String detail) {
        return Problems.json(status, code, detail);
    }

    private static String swaggerUiVersion() {
        try (InputStream in = RestApi.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            var properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
