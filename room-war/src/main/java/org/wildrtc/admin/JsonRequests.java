package org.wildrtc.admin;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The bodies of admin POSTs: a JSON object, sent as {@code application/json} (RFC 8259 §11), whose
 * fields are checked here so that every mistake gets a 400 that names it. Read by hand rather than
 * bound by JSON-B, whose errors say nothing a script's author can act on.
 */
final class JsonRequests {
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonRequests() {
    }

    /**
     * @param contentType the request's {@code Content-Type}, or null
     * @throws AdminError 415 for another media type, 400 for anything but one JSON object
     */
    static JsonObject object(String contentType, String body) {
        if (!isJson(contentType)) {
            throw AdminError.unsupportedMediaType("The body must be application/json");
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(body == null ? "" : body))) {
            if (parser.hasNext() && parser.next() == JsonParser.Event.START_OBJECT) {
                JsonObject object = parser.getObject();
                if (!parser.hasNext()) {
                    return object;
                }
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            // JsonParsingException is a JsonException; the others: the text ended early
        }
        throw AdminError.badRequest("The body is not one JSON object");
    }

    /** {@code application/json}, with or without parameters such as {@code charset}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals("application/json");
    }

    /**
     * A string field that must be there, not blank, and at most {@code maxLength} characters.
     *
     * @throws AdminError 400 otherwise
     */
    static String string(JsonObject body, String name, int maxLength) {
        JsonValue value = body.get(name);
        if (!(value instanceof JsonString text) || text.getString().isBlank()) {
            throw AdminError.badRequest("'" + name + "' must be a non-empty string");
        }
        if (text.getString().length() > maxLength) {
            throw AdminError.badRequest("'" + name + "' must be at most " + maxLength + " characters");
        }
        return text.getString();
    }

    /**
     * A field that must be an array of 1 to {@code maxCount} non-empty strings of at most
     * {@code maxLength} characters each. The message never repeats an element: they may be secrets.
     *
     * @throws AdminError 400 otherwise
     */
    static List<String> strings(JsonObject body, String name, int maxCount, int maxLength) {
        JsonValue value = body.get(name);
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > maxCount) {
            throw AdminError.badRequest("'" + name + "' must be an array of 1 to " + maxCount + " strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue element : array) {
            if (!(element instanceof JsonString text) || text.getString().isEmpty()
                    || text.getString().length() > maxLength) {
                throw AdminError.badRequest("Each of '" + name + "' must be a string of 1 to " + maxLength
                        + " characters");
            }
            strings.add(text.getString());
        }
        return strings;
    }
}
