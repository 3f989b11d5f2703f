package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.InRange;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import com.code_intelligence.jazzer.mutation.annotation.WithSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunParseException;
import org.wildrtc.stun.StunTestClient;
import org.wildrtc.turn.AuthLimits;
import org.wildrtc.turn.FakeRelayPorts;
import org.wildrtc.turn.PeerPolicy;
import org.wildrtc.turn.Quotas;
import org.wildrtc.turn.SharedTurnState;
import org.wildrtc.turn.StaticUsers;
import org.wildrtc.turn.TurnConfig;
import org.wildrtc.turn.TurnRequests;
import org.wildrtc.turn.TurnServer;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link StreamFrameDecoder} in an {@link EmbeddedChannel}: a
 * TCP byte stream, cut into reads where the fuzzer says, whose frames go on to {@link ClientMessages}
 * as on a real connection. The frames are the stream's own bytes, in order and whole; the decoder
 * closes the connection exactly when a frame header is neither STUN nor ChannelData after STUN; every
 * answer is a STUN response; and every buffer is released (the allocator's count, at once, and
 * Netty's PARANOID leak detector). In {@code mvn test} only the seeds and saved inputs run.
 */
@ExtendWith(ParanoidLeakDetection.class)
class StreamFrameDecoderFuzzTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.5", 40000);

    static Stream<Arguments> streams() {
        byte[] binding = StunTestClient.bindingRequest(1);
        byte[] allocate = TurnRequests.request(org.wildrtc.stun.StunMethod.ALLOCATE, new byte[12], null, w -> { });
        byte[] channelData = TurnRequests.channelData(0x4000, new byte[] {1, 2, 3, 4, 5});
        return Stream.of(
                Arguments.of(concat(binding, allocate), List.of(7, 13, 1000)),
                Arguments.of(concat(binding, Arrays.copyOf(channelData, 12), binding), List.of(28, 3, 1, 100)),
                Arguments.of(channelData, List.of(100)),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(), List.of(100)),
                Arguments.of(concat(binding, new byte[] {(byte) 0x80, 0, 0, 4}), List.of(100)));
    }

    @MethodSource("streams")
    @FuzzTest
    void stream(byte @NotNull @WithLength(max = 4096) [] bytes,
                @NotNull @WithSize(max = 8) List<@NotNull @InRange(min = 1, max = 4096) Integer> reads) {
        TrackingAllocator allocator = new TrackingAllocator();
        Frames frames = new Frames();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(new StreamFrameDecoder(), frames);

        int offset = 0;
        for (int cut = 0; offset < bytes.length && channel.isOpen(); cut++) {
            // The reads the fuzzer sized, then one read with the rest.
            int read = cut < reads.size() ? Math.min(Math.max(1, reads.get(cut)), bytes.length - offset)
                    : bytes.length - offset;
            ByteBuf chunk = allocator.directBuffer(read).writeBytes(bytes, offset, read);
            offset += read;
            channel.writeInbound(chunk);
            frames.checkAnswers(channel);
        }
        byte[] cut = frames.received.toByteArray();
        assertArrayEquals(Arrays.copyOf(bytes, cut.length), cut, "the frames are not the stream's bytes");
        byte[] rest = Arrays.copyOfRange(bytes, cut.length, offset);
        if (channel.isOpen()) {
            assertTrue(rest.length < Math.max(4, frameSize(rest, frames.stunSeen)),
                    "a whole frame was left in the buffer");
        } else {
            assertEquals(-1, frameSize(rest, frames.stunSeen), "closed on a valid frame header");
        }
        channel.finishAndReleaseAll();
        allocator.assertAllReleased();
        assertEquals(List.of(),
                RecordingLeakDetector.takeLeaks(ParanoidLeakDetection.checkOf(StreamFrameDecoderFuzzTest.class)));
    }

    /**
     * RFC 8656 §12.5, written from the RFC and not from the decoder: the size of the frame {@code
     * bytes} start with; -1 when its header is neither STUN nor ChannelData after STUN; 0 when fewer
     * than 4 bytes are there.
     */
    private static int frameSize(byte[] bytes, boolean stunSeen) {
        if (bytes.length < 4) {
            return 0;
        }
        int length = ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        int firstTwoBits = (bytes[0] & 0xC0) >> 6;
        if (firstTwoBits == 0 && length % 4 == 0) {
            return StunMessage.HEADER_LENGTH + length;
        }
        if (firstTwoBits == 1 && stunSeen) {
            return 4 + (length + 3) / 4 * 4;
        }
        return -1;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The end of the pipeline: checks each frame and hands it to ClientMessages, as TurnStreamHandler does. */
    private static final class Frames extends SimpleChannelInboundHandler<ByteBuf> {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean stunSeen;
        private final ClientMessages messages;
        private int stunFrames;
        private int answers;

        Frames() {
            SharedTurnState shared = new SharedTurnState(new TurnConfig("fuzz.realm",
                    List.of(new StaticUsers(Map.of("alice", "secret"))),
                    new PeerPolicy(List.of(), List.of(), Set.of(), 50000, 50999), new Quotas(10, 2, 0, 3600, 100, 100),
                    "WildRTC fuzz", 600, new AuthLimits(5, 0), null, false));
            TurnServer server = new TurnServer(shared, new FakeRelayPorts(), Runnable::run);
            this.messages = new ClientMessages(server, new OpenedRelays(), Answers::forStream);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] bytes = ByteBufUtil.getBytes(frame);
            assertEquals(bytes.length, frameSize(bytes, stunSeen), "not one whole frame");
            stunSeen |= (bytes[0] & 0xC0) == 0;
            stunFrames += (bytes[0] & 0xC0) == 0 ? 1 : 0;
            received.writeBytes(bytes);
            ByteBuf answer = messages.handle(ctx.alloc(), frame, CLIENT);
            if (answer != null) {
                ctx.writeAndFlush(answer);
            }
        }

        /** Every answer is a STUN response to one of the STUN frames. */
        void checkAnswers(EmbeddedChannel channel) {
            for (ByteBuf answer = channel.readOutbound(); answer != null; answer = channel.readOutbound()) {
                try {
                    StunMessage message = StunDecoder.decode(answer.nioBuffer());
                    MessageClass answerClass = message.type().messageClass();
                    assertTrue(answerClass == MessageClass.SUCCESS_RESPONSE
                            || answerClass == MessageClass.ERROR_RESPONSE, "answered with " + answerClass);
                } catch (StunParseException e) {
                    throw new AssertionError("the answer does not decode: " + e.getMessage(), e);
                } finally {
                    answer.release();
                }
                answers++;
                assertFalse(answers > stunFrames, "more answers than STUN frames");
            }
        }
    }
}
