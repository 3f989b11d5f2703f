package org.wildrtc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRequestsTest {

    @Test
    void onlyApplicationJsonIsRead() {
        assertTrue(JsonRequests.isJson("application/json"));
        assertTrue(JsonRequests.isJson("Application/JSON; charset=utf-8"));
        for (String other : new String[] {null, "", "text/plain", "application/x-www-form-urlencoded",
                "application/jsonx", "multipart/form-data; boundary=x"}) {
            assertFalse(JsonRequests.isJson(other), other);
            assertEquals(415, status(() -> JsonRequests.object(other, "{}")), other);
        }
    }

    @Test
    void aBodyThatIsNotOneJsonObjectIs400() {
        for (String body : new String[] {null, "", "{", "[\"a\"]", "\"text\"", "42", "{\"a\":1} {}", "{'a':1}"}) {
            assertEquals(400, status(() -> JsonRequests.object("application/json", body)), body);
        }
        assertEquals("x", JsonRequests.object("application/json", "{\"a\":\"x\"}").getString("a"));
    }

    @Test
    void aStringFieldMustBeThereNonBlankAndBounded() {
        assertEquals("1700000000:bob", JsonRequests.string(body("{\"username\":\"1700000000:bob\"}"), "username", 513));
        for (String bad : new String[] {"{}", "{\"username\":null}", "{\"username\":7}", "{\"username\":\" \"}",
                "{\"username\":[\"bob\"]}", "{\"username\":\"" + "u".repeat(514) + "\"}"}) {
            assertEquals(400, status(() -> JsonRequests.string(body(bad), "username", 513)), bad);
        }
    }

    @Test
    void aStringArrayMustHoldOneToMaxNonEmptyBoundedStringsAndItsErrorsRepeatNone() {
        assertEquals(List.of("new", "old"), JsonRequests.strings(body("{\"secrets\":[\"new\",\"old\"]}"), "secrets", 16, 64));
        for (String bad : new String[] {"{}", "{\"secrets\":\"new\"}", "{\"secrets\":[]}", "{\"secrets\":[\"new\",\"\"]}",
                "{\"secrets\":[\"new\",3]}", "{\"secrets\":[\"" + "s".repeat(65) + "\"]}",
                "{\"secrets\":" + "[\"s\"".repeat(1) + ",\"s\"".repeat(16) + "]}"}) {
            AdminError error = assertThrows(AdminError.class, () -> JsonRequests.strings(body(bad), "secrets", 16, 64));
            assertEquals(400, error.status(), bad);
            assertFalse(error.body().toString().contains("new"), "no secret in the error");
        }
    }

    private static JsonObject body(String json) {
        return JsonRequests.object("application/json", json);
    }

    private static int status(Runnable call) {
        return assertThrows(AdminError.class, call::run).status();
    }
}
