package io.messaging.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;

/** The OpenAPI document of this API and Swagger UI to browse it. */
@Path("")
public final class DocsResource {
    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/";
    private final String swaggerVersion;

    DocsResource(String swaggerVersion) {
        this.swaggerVersion = swaggerVersion;
    }

    @GET
    @Path("openapi.json")
    public Response openApi() {
        InputStream document = DocsResource.class.getResourceAsStream("openapi.json");
        return Response.ok(document, Replies.JSON).build();
    }

    @GET
    @Path("docs")
    public Response docs() {
        return Response.seeOther(URI.create("/api/docs/index.html")).build();
    }

    @GET
    @Path("docs/{file}")
    public Response docsFile(@PathParam("file") String file) {
        if (file.equals("swagger-initializer.js")) {
            String script = "window.onload = () => { window.ui = SwaggerUIBundle({url: '/api/openapi.json', "
                    + "dom_id: '#swagger-ui'}); };";
            return Response.ok(script, "application/javascript").build();
        }
        if (!file.matches("[a-zA-Z0-9._-]+")) {
            return Problems.of(404, "not_found", "no such file");
        }
        InputStream in =
                DocsResource.class.getClassLoader().getResourceAsStream(SWAGGER_UI + swaggerVersion + "/" + file);
        if (in == null) {
            return Problems.of(404, "not_found", "no such file");
        }
        return Response.ok(in, mediaType(file)).build();
    }

    private static String mediaType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css";
        }
        if (file.endsWith(".js")) {
            return "application/javascript";
        }
        if (file.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
