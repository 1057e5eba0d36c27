package io.drwatch.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

final class Net {
    private Net() {
    }

    static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitClosed(String what, int port, Duration timeout) throws IOException {
        Poll.until(timeout, what + " port " + port + " to close", () -> !isListening(port));
    }

    /** Raw RESP PING with a short read timeout: tells a sleeping (DEBUG SLEEP) Redis from a responsive one. */
    static boolean answersPing(int port, Duration within) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout((int) within.toMillis());
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return s.getInputStream().read() == '+';
        } catch (IOException e) {
            return false;
        }
    }
}
