package org.wildrtc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void withoutParametersAPageIsTheFirstHundred() {
        assertEquals(new Paging(0, 100), Paging.of(null, null));
        assertEquals(new Paging(200, 1000), Paging.of("200", "1000"));
        assertEquals(new Paging(0, 1), Paging.of("0", " 1 "));
    }

    @Test
    void anythingButAWholeNumberInRangeIs400() {
        for (String[] bad : new String[][] {{"-1", null}, {"x", null}, {"", null}, {"1.5", null}, {"99999999999", null},
                {null, "0"}, {null, "1001"}, {null, "-5"}, {null, "ten"}, {null, ""}}) {
            AdminError error = assertThrows(AdminError.class, () -> Paging.of(bad[0], bad[1]));
            assertEquals(400, error.status());
        }
        AdminError limit = assertThrows(AdminError.class, () -> Paging.of(null, "5000"));
        assertEquals("{\"error\":\"'limit' must be a whole number from 1 to 1000\"}",
                limit.body().toString());
    }
}
