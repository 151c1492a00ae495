package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestBrowser;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The cross-site attack of issue 20, as it was made: a responder's browser holds Basic credentials for the
 * orchestrator, then opens a page of another origin (here a tiny HTTP server on another loopback port) that posts
 * to {@code /api/inspections/{kind}} with a form and with a {@code fetch} without a body (so without a content type,
 * which is what the attack sent). Both reach the application with the cached credentials and are refused (403,
 * another origin); no inspection starts. Without a browser the Origin and
 * content-type rules are checked over plain HTTP as well, and the Alertmanager webhook still takes its alerts.
 */
class CrossSiteBrowserTest extends EngineTestSupport {

    @RegisterExtension
    static final TestBrowser browser = new TestBrowser();

    HttpServer attacker;
    String attackerOrigin;
    final List<String> attackerLog = new CopyOnWriteArrayList<>();

    @BeforeEach
    void anotherSiteServesItsPages() throws IOException {
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attackerOrigin = "http://127.0.0.1:" + attacker.getAddress().getPort();
        String target = "http://127.0.0.1:" + port + "/api/inspections/";
        page("/form", "<form id='f' method='POST' action='" + target + "monthly'></form>"
                + "<script>document.getElementById('f').submit()</script>");
        // no body, so no content type: what the attack sent
        page("/fetch", "<p id='done'>sending</p><script>fetch('" + target + "weekly', {method: 'POST', mode: 'no-cors',"
                + " credentials: 'include'})"
                + ".then(() => document.getElementById('done').textContent = 'sent',"
                + " () => document.getElementById('done').textContent = 'sent')</script>");
        attacker.start();
    }

    @AfterEach
    void stopTheOtherSite() {
        attacker.stop(0);
    }

    @Test
    void aPageOfAnotherOriginCannotStartAnInspectionWithTheBrowsersCachedCredentials() {
        TestBrowser.Session session = browser.open(port);
        // The responder logs in: Chromium keeps the Basic credentials for the application's /api/ from now on.
        session.driver().get("http://devops1:demo@127.0.0.1:" + port + "/api/incidents");
        assertThat(session.driver().getPageSource()).doesNotContain("Unauthorized");

        session.driver().get(attackerOrigin + "/fetch");
        session.waiting().until(driver -> driver.findElement(By.id("done")).getText().equals("sent"));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("inspection-weekly").count()).isZero();

        session.driver().get(attackerOrigin + "/form");
        session.waiting().until(driver -> driver.getCurrentUrl().contains("/api/inspections/monthly"));
        assertThat(session.driver().getPageSource()).contains("another origin").doesNotContain("Unauthorized");

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("inspection-monthly").count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("inspection-monthly").count())
                .isZero();
        assertThat(attackerLog).contains("/form", "/fetch");
    }

    @Test
    void stateChangingApiCallsNeedJsonAndTheirOwnOrigin() throws Exception {
        assertThat(raw("POST", "/api/inspections/weekly", null, null).statusCode()).as("no content type")
                .isEqualTo(415);
        assertThat(raw("POST", "/api/inspections/weekly", "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(raw("POST", "/api/inspections/monthly", "application/x-www-form-urlencoded", null).statusCode())
                .isEqualTo(415);
        HttpResponse<String> foreign = raw("POST", "/api/inspections/weekly", "application/json", attackerOrigin);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(raw("POST", "/api/inspections/weekly", "application/json", "null").statusCode()).isEqualTo(403);
        assertThat(raw("POST", "/api/maintenance", "application/json", attackerOrigin).statusCode()).isEqualTo(403);
        assertThat(raw("POST", "/api/incidents/x/close", "application/json", attackerOrigin).statusCode())
                .isEqualTo(403);
        String own = "http://127.0.0.1:" + port;
        for (String hostile : List.of("${x}", "#{x}", "$(id)", "; id", "../..", own + ".example", own + "@example",
                own + "/../x", "http://127.0.0.1:" + port + "0", "{0} %s \\ $ null",
                "x".repeat(4000))) {
            HttpResponse<String> refused = raw("POST", "/api/inspections/weekly", "application/json", hostile);
            assertThat(refused.statusCode()).as(hostile).isEqualTo(403);
            assertThat(refused.body()).as("the refusal does not repeat what it was sent").doesNotContain("${x}", "#{x}",
                    "$(id)", "example");
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("inspection-weekly").count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("inspection-monthly").count()).isZero();

        HttpResponse<String> ownOrigin = raw("POST", "/api/inspections/weekly", "application/json; charset=UTF-8", own);
        assertThat(ownOrigin.statusCode()).as(ownOrigin.body()).isEqualTo(202);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("inspection-weekly").count()).isOne();
        assertThat(raw("GET", "/api/incidents", null, attackerOrigin).statusCode()).as("reading is no change")
                .isEqualTo(200);
    }

    @Test
    void alertmanagerStillPostsItsAlerts() {
        Response posted = TestHttp.on(port).post("/api/alerts/alertmanager", """
                {"version":"4","status":"firing","receiver":"recovery","groupKey":"{}:{alertname=\\"BackendDown\\"}",
                 "alerts":[{"status":"firing","labels":{"alertname":"BackendDown","instance":"routing-ml"},
                 "annotations":{"summary":"backend down"},"startsAt":"%s","fingerprint":"csrf-test-1"}]}"""
                .formatted(start.toString()));
        assertThat(posted.status()).as(posted.body()).isBetween(200, 299);
    }

    private HttpResponse<String> raw(String method, String path, String contentType, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "devops1:demo".getBytes(StandardCharsets.UTF_8)))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(contentType == null ? "" : "{}"));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void page(String path, String body) {
        attacker.createContext(path, exchange -> {
            attackerLog.add(exchange.getRequestURI().getPath());
            byte[] html = ("<!doctype html><html><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        });
    }
}
