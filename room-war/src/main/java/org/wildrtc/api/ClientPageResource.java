package org.wildrtc.api;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** The call client's page, at {@code /} and, as in AppRTC, at {@code /r/{room}}. */
@Path("")
public class ClientPageResource {
    private static final String PAGE = "/index.html";

    @Context
    ServletContext servletContext;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public InputStream home() {
        return page();
    }

    @GET
    @Path("r/{room}")
    @Produces(MediaType.TEXT_HTML)
    public InputStream room(@PathParam("room") String room) {
        RoomIds.require(room);
        return page();
    }

    private InputStream page() {
        InputStream page = servletContext.getResourceAsStream(PAGE);
        if (page == null) {
            throw new NotFoundException("the client page is missing from the deployment");
        }
        return page;
    }
}
