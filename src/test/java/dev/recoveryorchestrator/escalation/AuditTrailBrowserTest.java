package dev.recoveryorchestrator.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestBrowser;
import dev.recoveryorchestrator.TestBrowser.Session;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.incident.AuditTrail;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.Scope;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit trail of a finished incident in Cockpit Community Edition (docs/audit-trail.md), in a real headless
 * Chromium: a Type 1 incident recovered through the manual-recovery task a DevOps engineer completed, then read by the
 * admin and by that engineer from the link its mails and {@code GET /api/incidents/{id}} carry. The lifecycle has
 * ended, so Cockpit's own instance page no longer knows it; the plugin shows the path taken on the diagram, reaches
 * the called runbook and its {@code run-action} from their call activities, says who completed the task and what
 * they chose, and shows a hostile summary as text. A user the engine gives no history sees nothing of it.
 * Pictures under {@code target/screenshots/} (with {@code RECOVERY_SCREENSHOTS=true} also {@code docs/img/}).
 */
class AuditTrailBrowserTest extends EngineTestSupport {

    @RegisterExtension
    static final TestBrowser browser = new TestBrowser();

    private static final boolean SCREENSHOTS = Boolean.parseBoolean(System.getenv("RECOVERY_SCREENSHOTS"));
    /** Markup, an AngularJS expression and the other hostile words: each would set {@code roPwned} if run. */
    private static final String HOSTILE = "<img src=x onerror=\"window.roPwned=1\"> "
            + "{{constructor.constructor('window.roPwned=2')()}} ${x} #{x} $(id) ; id ../..";
    private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[type='password']");
    private static final By HEAD = By.cssSelector(".ro-audit-head h2");
    private static final By MARKED = By.cssSelector("#ro-audit-diagram .ro-audit-body[data-marked='true']");
    private static final String NO_HISTORY_USER = "auditnobody";

    @Autowired
    private IdentityService identity;
    @Autowired
    private org.camunda.bpm.engine.AuthorizationService authorizations;

    @Test
    void anAuditorReadsAFinishedIncidentsWholeStoryFromItsLink() throws Exception {
        breakStandin();
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.PARTIAL, HOSTILE,
                "helpdesk", null)).incident();
        runDueJobs();
        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_ManualRecovery").singleResult();
        healStandin();
        TestHttp devopsRest = TestHttp.on(port).as("devops1", "demo");
        assertThat(devopsRest.post("/engine-rest/task/" + manual.getId() + "/claim", "{\"userId\":\"devops1\"}").status())
                .isEqualTo(204);
        assertThat(devopsRest.post("/engine-rest/task/" + manual.getId() + "/submit-form",
                "{\"variables\":{\"decision\":{\"value\":\"resolved\"}}}").status()).as("as Tasklist submits").isEqualTo(204);
        runDueJobs();

        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        String lifecycle = incident.processInstanceId();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(lifecycle).singleResult().getEndTime())
                .as("ended: Cockpit CE's own instance page no longer has it").isNotNull();
        HistoricProcessInstance runbook = only(history.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(lifecycle).processDefinitionKey("runbook-backend-api-down").list());
        HistoricProcessInstance restart = only(history.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(runbook.getId()).processDefinitionKey("run-action").list());

        String link = AuditTrail.path(lifecycle);
        assertThat(TestHttp.on(port).as("admin", "admin").get("/api/incidents/" + incident.id()).json()
                .get("cockpitUrl").asText()).isEqualTo(link);
        assertThat(TestMail.received()).as("the mails link the audit trail")
                .anyMatch(mail -> mail.body().contains(link));

        Session admin = loggedIn("admin", "admin");
        admin.go(link);
        admin.waiting().until(ExpectedConditions.textToBePresentInElementLocated(HEAD, "장애 대응 (공통 절차) — 완료"));
        assertThat(admin.textOf(By.cssSelector(".ro-audit-head"))).contains(incident.id(), lifecycle);
        assertPathMarked(admin);
        assertThat(text(present(admin, By.cssSelector("#ro-audit-variables table")))).as("the summary, as text")
                .contains(HOSTILE);
        assertNothingRan(admin);
        admin.driver().executeScript("document.getElementById('ro-audit-diagram').scrollIntoView()");
        screenshot(admin, "audit-trail-lifecycle.png");

        click(admin, calledLink("CallActivity_Runbook"));
        admin.waiting().until(ExpectedConditions.textToBePresentInElementLocated(HEAD, "Type 1: Backend API 서버 다운"));
        // Cockpit's diagram may add its view box as a query (?viewbox=...) once it has drawn: the route is what counts
        assertThat(admin.driver().getCurrentUrl().replaceFirst("\\?.*$", ""))
                .endsWith("#/audit/process-instance/" + runbook.getId());
        assertManualTaskShown(admin);
        assertThat(present(admin, calledLink("Task_RestartBackend")).getAttribute("href"))
                .as("the restart's run-action instance").endsWith("#/audit/process-instance/" + restart.getId());
        admin.driver().executeScript("document.getElementById('ro-audit-tasks').scrollIntoView()");
        screenshot(admin, "audit-trail-runbook-tasks.png");

        admin.go("/camunda/app/cockpit/default/#/audit?businessKey=" + incident.id() + "&state=finished");
        List<String> found = admin.waiting().withMessage("the search lists the incident's instances").until(driver -> {
            List<String> hrefs = driver.findElements(By.cssSelector(".ro-audit-results table a")).stream()
                    .map(a -> a.getAttribute("href")).toList();
            return hrefs.stream().anyMatch(h -> h.endsWith(lifecycle)) ? hrefs : null;
        });
        assertThat(found).anyMatch(h -> h.endsWith(runbook.getId()));

        Session devops = loggedIn("devops1", "demo");
        devops.go(link);
        devops.waiting().until(ExpectedConditions.textToBePresentInElementLocated(HEAD, "완료"));
        assertPathMarked(devops);
        click(devops, calledLink("CallActivity_Runbook"));
        devops.waiting().until(ExpectedConditions.textToBePresentInElementLocated(HEAD, "Type 1: Backend API 서버 다운"));
        assertManualTaskShown(devops);
        assertNothingRan(devops);

        User nobody = identity.newUser(NO_HISTORY_USER);
        nobody.setPassword("demo");
        identity.saveUser(nobody);
        Authorization cockpit = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        cockpit.setUserId(NO_HISTORY_USER);
        cockpit.setResource(Resources.APPLICATION);
        cockpit.setResourceId("cockpit");
        cockpit.addPermission(Permissions.ACCESS);
        authorizations.saveAuthorization(cockpit);
        try {
            assertThat(TestHttp.on(port).as(NO_HISTORY_USER, "demo").get("/engine-rest/history/process-instance/"
                    + lifecycle).status()).as("the engine keeps the history from a user without READ_HISTORY")
                    .isEqualTo(404);
            Session outsider = loggedIn(NO_HISTORY_USER, "demo");
            outsider.go(link);
            outsider.visible(By.cssSelector(".ro-audit-missing"));
            assertThat(outsider.driver().findElements(By.cssSelector(".ro-audit-section"))).isEmpty();
            assertThat(outsider.textOf(By.tagName("body"))).doesNotContain(incident.id(), "devops1");
        } finally {
            authorizations.deleteAuthorization(cockpit.getId());
            identity.deleteUser(NO_HISTORY_USER);
        }
    }

    /** The lifecycle's diagram: what ran is marked, with how often; what did not run is not. */
    private static void assertPathMarked(Session session) {
        session.visible(MARKED);
        assertThat(session.driver().findElements(taken("CallActivity_Runbook"))).hasSize(1);
        assertThat(session.driver().findElement(By.cssSelector(
                ".djs-overlays[data-container-id='CallActivity_Runbook'] .ro-audit-count")).getAttribute("textContent"))
                .as("ran once").isEqualTo("1");
        assertThat(session.driver().findElements(By.cssSelector("[data-element-id='EndEvent_EscalationDone']")))
                .as("drawn").isNotEmpty();
        assertThat(session.driver().findElements(taken("EndEvent_EscalationDone"))).as("but never reached").isEmpty();
        int flows = session.driver().findElements(By.cssSelector(".djs-connection")).size();
        int flowsTaken = session.waiting().withMessage("sequence flows marked").until(driver -> {
            int marked = driver.findElements(By.cssSelector(".djs-connection.ro-audit-taken")).size();
            return marked > 0 ? marked : null;
        });
        assertThat(flowsTaken).as("some sequence flows taken, not all").isLessThan(flows);
    }

    /** The runbook's manual-recovery task: who claimed and completed it, and the choice they made. */
    private static void assertManualTaskShown(Session session) {
        WebElement row = present(session, By.xpath("//table[contains(@class,'ro-audit-tasks')]//tr[.//span["
                + "@data-task-key='UserTask_ManualRecovery']]"));
        assertThat(text(row.findElement(By.cssSelector(".ro-audit-task-outcome")))).isEqualTo("완료: devops1");
        assertThat(text(row.findElement(By.cssSelector(".ro-audit-choice li[data-name='decision']"))))
                .isEqualTo("decision = resolved");
        assertThat(text(row.findElement(By.cssSelector(".ro-audit-task-ops")))).contains("devops1 Claim",
                "devops1 Complete");
    }

    /** No element was made from the data and no script of it ran. */
    private static void assertNothingRan(Session session) {
        assertThat(session.driver().findElements(By.cssSelector(".ro-audit img"))).isEmpty();
        assertThat(session.driver().executeScript("return window.roPwned === undefined")).isEqualTo(Boolean.TRUE);
    }

    /**
     * The element once it is in the page. Cockpit scrolls its content inside a frame of the window's height, and
     * Selenium counts what lies below that frame as not visible: the sections further down are read as text.
     */
    private static WebElement present(Session session, By by) {
        return session.waiting().until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private static String text(WebElement element) {
        return element.getAttribute("textContent").strip();
    }

    private static void click(Session session, By by) {
        WebElement element = present(session, by);
        session.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        session.waiting().until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static By taken(String elementId) {
        return By.cssSelector(".djs-element.ro-audit-taken[data-element-id='" + elementId + "']");
    }

    private static By calledLink(String activityId) {
        return By.cssSelector(".ro-audit-called-link[data-activity-id='" + activityId + "']");
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static void screenshot(Session session, String name) {
        session.driver().executeScript("document.activeElement && document.activeElement.blur()");
        session.screenshot(Path.of("target", "screenshots").resolve(name));
        if (SCREENSHOTS) {
            session.screenshot(Path.of("docs", "img").resolve(name));
        }
    }

    private Session loggedIn(String user, String password) {
        Session session = browser.open(port).go("/camunda/app/cockpit/");
        session.visible(By.cssSelector("form[name='signinForm'] input[type='text']")).sendKeys(user);
        session.driver().findElement(PASSWORD).sendKeys(password);
        session.driver().findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        session.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
        return session;
    }
}
