package org.jingan.progress.intake.http;

import io.javalin.event.HandlerMetaInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The endpoints the intake registered, as Javalin reports them while they are added: the source of a 405's Allow
 * header, and what the OpenAPI document is checked against (so the two cannot drift apart).
 */
public final class RouteTable {
    /** One endpoint: an HTTP method and a path pattern, e.g. {@code GET /problems/{slug}}. */
    public record Route(String method, String path) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** For {@code config.events(e -> e.handlerAdded(table::add))}: keeps endpoints, not before/after handlers. */
    synchronized void add(HandlerMetaInfo handler) {
        if (handler.getHttpMethod().isHttpMethod()) {
            routes.add(new Route(handler.getHttpMethod().name(), handler.getPath()));
        }
    }

    public synchronized List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The methods registered for {@code path} (a request path), sorted; empty when no pattern matches it. */
    synchronized List<String> methodsFor(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (matches(route.path(), path)) {
                methods.add(route.method());
            }
        }
        return List.copyOf(methods);
    }

    /** Segment by segment; {@code {name}} matches any one segment; a trailing slash does not count. */
    static boolean matches(String pattern, String path) {
        String[] want = trim(pattern).split("/", -1);
        String[] got = trim(path).split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean parameter = want[i].startsWith("{") && want[i].endsWith("}") && !got[i].isEmpty();
            if (!parameter && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
