package org.wildrtc.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** AppRTC clients call the room API at the root: /join, /message, /leave, /params, /r/{room}. */
@ApplicationPath("/")
public class WildRtcApplication extends Application {
}
