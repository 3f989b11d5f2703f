package org.wildrtc.json;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;
import java.util.Map;

/**
 * JSON-P builders from one factory made once. {@code Json.createObjectBuilder()} and its kin look the
 * provider up through the deployment's class loader on every call (a resource scan and a caught
 * ClassNotFoundException each): a {@code /join} answer, built from a dozen builders, allocated about
 * a megabyte that way.
 */
public final class JsonBuilders {
    private static final JsonBuilderFactory FACTORY = Json.createBuilderFactory(Map.of());

    private JsonBuilders() {
    }

    public static JsonObjectBuilder object() {
        return FACTORY.createObjectBuilder();
    }

    /** A builder that starts with {@code object}'s members. */
    public static JsonObjectBuilder object(JsonObject object) {
        return FACTORY.createObjectBuilder(object);
    }

    public static JsonArrayBuilder array() {
        return FACTORY.createArrayBuilder();
    }

    public static JsonArrayBuilder array(Collection<?> values) {
        return FACTORY.createArrayBuilder(values);
    }
}
