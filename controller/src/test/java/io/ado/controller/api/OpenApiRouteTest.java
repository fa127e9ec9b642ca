package io.ado.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ado.controller.metrics.ControllerMetrics;
import io.ado.controller.state.EventPublisher;
import io.ado.protocol.Json;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/openapi.json} describes exactly the {@code /api/v1} routes the API installs on Javalin: no more, no fewer. */
class OpenApiRouteTest {
    private static final Set<HandlerType> VERBS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private final EventPublisher events = new EventPublisher();
    private final ControllerMetrics metrics = new ControllerMetrics(events);

    @AfterEach
    void close() { metrics.close(); }

    /** Every route the API registers under /api/v1, as "METHOD /path"; a WebSocket is its upgrade, a GET. */
    private Set<String> installedRoutes() {
        Set<String> routes = new TreeSet<>();
        Set<String> sockets = new TreeSet<>();
        Javalin app = Javalin.create(cfg -> cfg.events(e -> {
            e.handlerAdded(h -> {
                if (VERBS.contains(h.getHttpMethod())) routes.add(h.getHttpMethod().name() + " " + h.getPath());
            });
            e.wsHandlerAdded(h -> sockets.add("GET " + h.getPath()));
        }));
        new ControllerApi(null, () -> null, () -> null, null, events, Map::of, 0, "api-token-0123456789", metrics).install(app);
        routes.addAll(sockets);
        routes.removeIf(r -> !r.contains(" /api/v1/"));
        return routes;
    }

    private static JsonNode document() throws Exception { return Json.MAPPER.readTree(OpenApiRoute.document()); }

    /** Every operation the document describes, as "METHOD /path". */
    private static Set<String> describedRoutes(JsonNode doc) {
        Set<String> described = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(verb -> {
                if (VERBS.stream().anyMatch(v -> v.name().equalsIgnoreCase(verb))) described.add(verb.toUpperCase() + " " + path.getKey());
            });
        }
        return described;
    }

    @Test
    void everyRouteIsDescribedAndEveryDescriptionIsARoute() throws Exception {
        Set<String> installed = installedRoutes();
        assertThat(installed).contains("POST /api/v1/tasks", "GET /api/v1/tasks/{id}", "GET /api/v1/workers/connect"); // the listing works
        assertThat(describedRoutes(document())).isEqualTo(installed);
    }

    @Test
    void everyOperationHasASummaryAndResponsesAndSocketsAreMarked() throws Exception {
        JsonNode doc = document();
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        for (String route : describedRoutes(doc)) {
            String[] parts = route.split(" ", 2);
            JsonNode op = doc.get("paths").get(parts[1]).get(parts[0].toLowerCase());
            assertThat(op.path("summary").asText()).as(route).isNotBlank();
            assertThat(op.path("responses").size()).as(route).isPositive();
        }
        for (String socket : Set.of("/api/v1/events", "/api/v1/tasks/{id}/stream", "/api/v1/workers/connect")) {
            assertThat(doc.get("paths").get(socket).get("get").path("x-websocket").asBoolean()).as(socket).isTrue();
        }
    }

    @Test
    void referencedSchemasExist() throws Exception {
        JsonNode doc = document();
        String text = doc.toString();
        JsonNode schemas = doc.get("components").get("schemas");
        Matcher m = Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
        while (m.find()) assertThat(schemas.has(m.group(1))).as(m.group(1)).isTrue();
    }
}
