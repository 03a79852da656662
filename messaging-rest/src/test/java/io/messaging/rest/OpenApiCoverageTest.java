package io.messaging.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messaging.core.Messaging;
import io.messaging.wire.WireJson;
import jakarta.ws.rs.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists exactly the routes Jersey serves. */
class OpenApiCoverageTest {

    @Test
    void everyServedRouteIsDocumentedAndNothingElse() throws Exception {
        Set<String> served = new TreeSet<>();
        var config = RestApi.resourceConfig(Messaging.builder().build(), RestSettings.defaults(), 1024);
        for (Object instance : config.getInstances()) {
            if (instance.getClass().isAnnotationPresent(Path.class)) {
                collect(Resource.from(instance.getClass()), "", served);
            }
        }
        Set<String> documented = new TreeSet<>();
        var document = WireJson.MAPPER.readTree(RestApi.class.getResourceAsStream("openapi.json"));
        document.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(
                                method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        served.remove("GET /docs/{file}");
        assertEquals(documented, served);
    }

    private static void collect(Resource resource, String parent, Set<String> routes) {
        String path = normalize(parent + "/" + resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(method.getHttpMethod() + " " + path);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, routes);
        }
    }

    private static String normalize(String path) {
        String single = path.replaceAll("/+", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }
}
