package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.config.LoopbackClient.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Walks the access matrix of {@code SECURITY.md} ("Who may do what: the access matrix") over HTTP as each role and
 * compares every answer with the table, so that the document and the application cannot drift apart: the table is
 * the test's only source of expectations. Each role speaks from a loopback address of its own (the login throttle
 * counts per address). {@code /camunda/api} rows go through a webapp session (the Cockpit login form and its CSRF
 * token), the others through HTTP Basic. Rows that would change something name an id that does not exist
 * ({@code missing}), so that a role the guards let through gets the engine's "not found" and nothing changes.
 */
class AccessMatrixTest extends EngineTestSupport {

    static final Path DOCUMENT = Path.of("SECURITY.md");
    static final String SECTION = "## Who may do what: the access matrix";
    /** The roles, in the table's column order: the column heading is the user, "anonymous" is none. */
    static final List<String> ROLES = List.of("anonymous", "devops1", "backend1", "it1", "cto1", "admin");
    private static final Pattern REQUEST = Pattern.compile("`(GET|POST|PUT|DELETE) (/\\S*)`");
    private static final Pattern WITH = Pattern.compile("`([^`]+)`");

    /** One row: the request, what it is sent with, and the status each role gets. */
    record Row(String method, String path, String body, Map<String, String> headers, Map<String, Integer> expected) {

        String family() {
            return path.startsWith("/camunda/api") ? "/camunda/api" : path.startsWith("/engine-rest") ? "/engine-rest"
                    : path.startsWith("/actuator") ? "/actuator" : "/api";
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body) + (headers.isEmpty() ? "" : " " + headers);
        }
    }

    @Test
    void everyRoleGetsWhatSecurityMdSays() {
        List<Row> rows = matrix();
        assertThat(rows).extracting(Row::family).contains("/api", "/engine-rest", "/camunda/api", "/actuator");

        Map<String, LoopbackClient> basic = new LinkedHashMap<>();
        Map<String, LoopbackClient> webapp = new LinkedHashMap<>();
        for (int i = 0; i < ROLES.size(); i++) {
            String role = ROLES.get(i);
            LoopbackClient client = LoopbackClient.from("127.0.0." + (60 + i), port);
            basic.put(role, role.equals("anonymous") ? client : client.as(role, password(role)));
            LoopbackClient session = LoopbackClient.from("127.0.0." + (60 + i), port);
            if (role.equals("anonymous")) {
                session.get("/camunda/app/cockpit/"); // a session and its CSRF token, but no login
            } else {
                assertThat(session.loginToWebapp("cockpit", role, password(role)).status()).as(role).isEqualTo(200);
            }
            webapp.put(role, session);
        }

        List<String> differences = new ArrayList<>();
        for (Row row : rows) {
            for (String role : ROLES) {
                LoopbackClient client = row.family().equals("/camunda/api") ? webapp.get(role) : basic.get(role);
                Map<String, String> headers = new LinkedHashMap<>(row.headers());
                headers.putIfAbsent("Accept", "application/json");
                String contentType = headers.remove("Content-Type");
                Reply reply = client.send(row.method(), row.path(), headers,
                        contentType == null ? "application/json" : contentType,
                        row.body() == null && !row.method().equals("GET") ? "" : row.body());
                int expected = row.expected().get(role);
                if (reply.status() != expected) {
                    differences.add(row + " as " + role + ": SECURITY.md says " + expected + ", got " + reply.status()
                            + " " + abbreviated(reply.body()));
                }
            }
        }
        assertThat(differences).as("rows of the access matrix the application does not keep").isEmpty();
    }

    /** The table of {@link #SECTION}: its rows with a request in backticks, the columns in {@link #ROLES} order. */
    static List<Row> matrix() {
        String text;
        try {
            text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("SECURITY.md cannot be read from " + DOCUMENT.toAbsolutePath(), e);
        }
        int start = text.indexOf(SECTION);
        assertThat(start).as("SECURITY.md has the section " + SECTION).isNotNegative();
        int end = text.indexOf("\n## ", start + SECTION.length());
        String section = text.substring(start, end < 0 ? text.length() : end);
        List<Row> rows = new ArrayList<>();
        boolean headerSeen = false;
        for (String line : section.lines().toList()) {
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = List.of(line.substring(1, line.lastIndexOf('|')).split("\\|", -1)).stream()
                    .map(String::strip).toList();
            if (cells.get(0).equals("Request")) {
                assertThat(cells.subList(2, 2 + ROLES.size())).as("the matrix's role columns").isEqualTo(ROLES);
                headerSeen = true;
                continue;
            }
            Matcher request = REQUEST.matcher(cells.get(0));
            if (!request.find()) {
                continue; // the separator line
            }
            String body = null;
            Map<String, String> headers = new LinkedHashMap<>();
            Matcher with = WITH.matcher(cells.get(1));
            while (with.find()) {
                String part = with.group(1);
                int colon = part.indexOf(": ");
                if (!part.startsWith("{") && colon > 0) {
                    headers.put(part.substring(0, colon), part.substring(colon + 2));
                } else {
                    body = part;
                }
            }
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (int i = 0; i < ROLES.size(); i++) {
                expected.put(ROLES.get(i), Integer.parseInt(cells.get(2 + i).replaceAll("[^0-9]", "")));
            }
            rows.add(new Row(request.group(1), request.group(2), body, headers, expected));
        }
        assertThat(headerSeen).as("the matrix has a heading row starting with | Request |").isTrue();
        assertThat(rows).as("rows of the matrix").isNotEmpty();
        return rows;
    }

    private static String password(String role) {
        return role.equals("admin") ? "admin" : "demo";
    }

    private static String abbreviated(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
