package dev.recoveryorchestrator.runbook.networkoutage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a firewall listing says about the service ports: {@code ufw status} or {@code iptables -L -n}, told
 * apart by what they print. The listing is data: it is matched line by line, never run or interpreted further.
 *
 * <p>The verdict is careful. A port is {@link Verdict#BLOCKED} only on clear evidence — an active ufw without an
 * ALLOW rule for it, an iptables rule for its port that drops or rejects before any that accepts, or an INPUT chain
 * whose policy drops and no rule that accepts the port — and {@link Verdict#ALLOWED} only as clearly; anything
 * else (rules by interface or source, chains jumping elsewhere, an unknown format) is {@link Verdict#UNKNOWN},
 * which never leads to a change.
 */
final class FirewallRules {

    enum Verdict { ALLOWED, BLOCKED, UNKNOWN }

    private static final Pattern UFW_STATUS = Pattern.compile("(?m)^Status:\\s*(active|inactive)\\s*$");
    private static final Pattern CHAIN = Pattern.compile("^Chain (\\S+) \\((?:policy ([^)\\s]+)|\\d+ references)");
    private static final Pattern DPORT = Pattern.compile("\\bdpts?:(\\d{1,5})(?::(\\d{1,5}))?|\\bdports ([0-9,:]{1,200})");
    private static final Pattern ESTABLISHED = Pattern.compile("\\b(?:ct)?state (?:RELATED,ESTABLISHED|ESTABLISHED,RELATED|ESTABLISHED)\\b");

    private FirewallRules() {
    }

    /** What the listing says about each port; {@code tool} names what it came from, for the finding. */
    record Reading(String tool, Map<Integer, Verdict> ports, String note) {
    }

    static Reading read(String output, List<Integer> ports) {
        if (UFW_STATUS.matcher(output).find()) {
            return ufw(output, ports);
        }
        if (output.lines().anyMatch(line -> line.startsWith("Chain INPUT "))) {
            return iptables(output, ports);
        }
        return new Reading("?", all(ports, Verdict.UNKNOWN), "알 수 없는 형식");
    }

    private static Reading ufw(String output, List<Integer> ports) {
        Matcher status = UFW_STATUS.matcher(output);
        status.find();
        if ("inactive".equals(status.group(1))) {
            return new Reading("ufw", all(ports, Verdict.ALLOWED), "ufw 비활성");
        }
        Map<Integer, Verdict> verdicts = new LinkedHashMap<>();
        for (int port : ports) {
            Pattern rule = Pattern.compile("^" + port + "(?:/tcp)?(?:\\s+\\(v6\\))?\\s+(ALLOW|DENY|REJECT|LIMIT)\\b");
            Verdict verdict = Verdict.BLOCKED; // active ufw denies incoming unless a rule allows it
            for (String line : output.lines().map(String::strip).toList()) {
                Matcher matcher = rule.matcher(line);
                if (matcher.find()) {
                    verdict = matcher.group(1).equals("DENY") || matcher.group(1).equals("REJECT") ? Verdict.BLOCKED
                            : Verdict.ALLOWED;
                    break;
                }
            }
            verdicts.put(port, verdict);
        }
        return new Reading("ufw", verdicts, "ufw 활성");
    }

    private static Reading iptables(String output, List<Integer> ports) {
        String policy = null;
        List<String> input = new ArrayList<>();
        boolean inInput = false;
        for (String line : output.lines().toList()) {
            Matcher chain = CHAIN.matcher(line);
            if (chain.find()) {
                inInput = "INPUT".equals(chain.group(1));
                if (inInput) {
                    policy = chain.group(2) == null ? null : chain.group(2).toUpperCase(Locale.ROOT);
                }
                continue;
            }
            if (inInput && !line.isBlank() && !line.startsWith("target ")) {
                input.add(line.strip());
            }
        }
        Map<Integer, Verdict> verdicts = new LinkedHashMap<>();
        for (int port : ports) {
            verdicts.put(port, iptablesVerdict(input, policy, port));
        }
        return new Reading("iptables", verdicts, "INPUT 정책 " + (policy == null ? "?" : policy));
    }

    /**
     * The first rule that names the port decides. {@code iptables -L -n} hides the interface a rule is for, so a
     * rule without a port that may match the port's new connections (all protocols or tcp; by source, interface,
     * anything but an established-state match) leaves the verdict {@link Verdict#UNKNOWN}. With no such rule the
     * chain's policy decides.
     */
    private static Verdict iptablesVerdict(List<String> rules, String policy, int port) {
        for (String rule : rules) {
            String[] words = rule.split("\\s+");
            if (words.length < 2 || !(words[1].equals("tcp") || words[1].equals("6") || words[1].equals("all")
                    || words[1].equals("0"))) {
                continue;
            }
            Verdict verdict = switch (words[0].toUpperCase(Locale.ROOT)) {
                case "ACCEPT" -> Verdict.ALLOWED;
                case "DROP", "REJECT" -> Verdict.BLOCKED;
                default -> Verdict.UNKNOWN; // a jump to another chain: not followed
            };
            if (covers(rule, port)) {
                return verdict;
            }
            if (DPORT.matcher(rule).find() || ESTABLISHED.matcher(rule).find() || words[0].equals("LOG")) {
                continue; // another port's rule, or one that lets only answers in
            }
            return Verdict.UNKNOWN;
        }
        if ("ACCEPT".equals(policy)) {
            return Verdict.ALLOWED;
        }
        return "DROP".equals(policy) || "REJECT".equals(policy) ? Verdict.BLOCKED : Verdict.UNKNOWN;
    }

    private static boolean covers(String rule, int port) {
        Matcher matcher = DPORT.matcher(rule);
        while (matcher.find()) {
            String list = matcher.group(1) != null
                    ? matcher.group(1) + (matcher.group(2) == null ? "" : ":" + matcher.group(2))
                    : matcher.group(3);
            for (String part : list.split(",")) {
                String[] range = part.split(":", -1);
                int from = number(range[0]);
                int to = range.length > 1 ? number(range[1]) : from;
                if (from >= 0 && to >= 0 && port >= from && port <= to) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A port number as written in the listing; -1 for anything that is not one. */
    private static int number(String text) {
        return text.matches("\\d{1,5}") ? Integer.parseInt(text) : -1;
    }

    private static Map<Integer, Verdict> all(List<Integer> ports, Verdict verdict) {
        Map<Integer, Verdict> verdicts = new LinkedHashMap<>();
        ports.forEach(port -> verdicts.put(port, verdict));
        return verdicts;
    }
}
