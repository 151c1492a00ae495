package dev.recoveryorchestrator.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Counts failed password checks per client address and says when a client has to wait. This, and not Camunda's
 * per-user lock, is what slows down password guessing: Camunda locks the <em>user</em> (for seconds after each
 * failure, for good after ten), so whoever reaches the port could lock {@code admin} or a responder out during an
 * incident; the engine's delay and lock are therefore off (application.yaml, {@code loginMaxAttempts},
 * {@code loginDelayMaxTime}). A client that failed {@code maxFailures} times within {@code window} waits until the
 * oldest of those failures leaves the window; its attempts meanwhile do not reach a password check at all, so they
 * neither count nor tell it anything. Success does not clear the count (one valid account must not buy unlimited
 * guesses at another). The state is in memory, per node, and bounded: at most {@code maxClients} addresses with at
 * most {@code maxFailures} instants each. Time is the engine's clock ({@link EngineClock}).
 */
@Component
class LoginThrottle {

    /** Where the failures of clients that no longer fit are counted together (see {@link #recordFailure}). */
    static final String OVERFLOW = "(every other client)";
    private final LoginThrottleSettings settings;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(LoginThrottleSettings settings) {
        this.settings = settings;
    }

    /** How long {@code client} has to wait before its next password check; empty when it may try now. */
    synchronized Optional<Duration> retryAfter(String client) {
        Deque<Instant> recent = recent(client);
        if (recent == null && failures.size() >= settings.maxClients()) {
            recent = recent(OVERFLOW); // a client we could not remember shares the overflow's count
        }
        if (recent == null || recent.size() < settings.maxFailures()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(EngineClock.now(), recent.peekFirst().plus(settings.window())));
    }

    /** Counts one failed password check against {@code client}. */
    synchronized void recordFailure(String client) {
        Deque<Instant> recent = recent(client);
        if (recent == null) {
            String key = makeRoom() ? client : OVERFLOW;
            recent = recent(key);
            if (recent == null) {
                recent = new ArrayDeque<>(settings.maxFailures());
                failures.put(key, recent);
            }
        }
        while (recent.size() >= settings.maxFailures()) {
            recent.pollFirst();
        }
        recent.addLast(EngineClock.now());
    }

    /**
     * Makes room for one more client when {@code maxClients} are remembered: the least recently seen client that is
     * not waiting is forgotten. A client that waits is never forgotten before its wait ends (else an attacker with
     * more addresses than the table holds would free itself). When every remembered client waits, nothing is
     * forgotten and new clients are counted together as one ({@link #OVERFLOW}), so they are slowed as one.
     */
    private boolean makeRoom() {
        if (failures.size() < settings.maxClients()) {
            return true;
        }
        Instant since = EngineClock.now().minus(settings.window());
        var eldest = failures.entrySet().iterator();
        while (eldest.hasNext()) {
            var entry = eldest.next();
            long inWindow = entry.getValue().stream().filter(failure -> failure.isAfter(since)).count();
            if (!entry.getKey().equals(OVERFLOW) && inWindow < settings.maxFailures()) {
                eldest.remove();
                return true;
            }
        }
        return false;
    }

    /** How many client addresses are remembered now. */
    synchronized int clients() {
        return failures.size();
    }

    /**
     * The key a request's client is counted under: its IPv4 address, or its IPv6 network of
     * {@code ipv6PrefixLength} bits. The address is the socket's peer ({@code getRemoteAddr()}); a forwarded-for
     * header counts only where the operator made the servlet container trust a proxy
     * ({@code server.forward-headers-strategy}).
     */
    /**
     * The client a request is counted under: the socket's peer; only when that is one of
     * {@code recovery.security.login-throttle.trusted-proxies}, the right-most address of {@code X-Forwarded-For}
     * that is no trusted proxy (what the proxy itself saw; the addresses left of it are the client's word). A header
     * that is not a list of IP literals counts as absent.
     */
    String clientOf(jakarta.servlet.http.HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (settings.trustedProxies().isEmpty() || !settings.trustedProxies().contains(peer)) {
            return clientOf(peer);
        }
        java.util.Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
        List<String> hops = new java.util.ArrayList<>();
        while (headers != null && headers.hasMoreElements()) {
            for (String hop : headers.nextElement().split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!IP_LITERAL.matcher(hop).matches()) {
                return clientOf(peer);
            }
            if (!settings.trustedProxies().contains(hop)) {
                return clientOf(hop);
            }
        }
        return clientOf(peer);
    }

    /** An IPv4 or IPv6 literal's characters, at most as long as one can be; never a host name. */
    private static final java.util.regex.Pattern IP_LITERAL = java.util.regex.Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    String clientOf(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress); // IPv4 as the container gives it
        }
        InetAddress address;
        try {
            address = InetAddress.getByName("[" + remoteAddress + "]"); // in brackets: a literal or an error, never DNS
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress(); // IPv4-mapped
        }
        byte[] bytes = address.getAddress();
        int prefix = settings.ipv6PrefixLength();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's failures within the window, oldest first; forgets the client when none is left. */
    private Deque<Instant> recent(String client) {
        Deque<Instant> recent = failures.get(client);
        if (recent == null) {
            return null;
        }
        Instant now = EngineClock.now();
        Instant since = now.minus(settings.window());
        // A failure "after now" means the clock went back (or a test moved it): it no longer says anything.
        recent.removeIf(failure -> !failure.isAfter(since) || failure.isAfter(now));
        if (recent.isEmpty()) {
            failures.remove(client);
            return null;
        }
        return recent;
    }
}
