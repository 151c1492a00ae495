package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Whether something accepts TCP connections on a port ({@code ss -tlnp | grep 8000}). */
@Component
public class PortProbe {

    public boolean listening(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
