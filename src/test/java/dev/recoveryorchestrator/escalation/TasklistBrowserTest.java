package dev.recoveryorchestrator.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestBrowser;
import dev.recoveryorchestrator.TestBrowser.Session;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Camunda webapps in a real headless Chromium: Tasklist and Cockpit ask for a login, each tier sees its own
 * tasks in the "내 그룹 작업" filter that {@link IdentitySetup} makes, and a DevOps engineer may read the audit
 * trail in Cockpit. With {@code RECOVERY_SCREENSHOTS=true} the run also writes the README's screenshots to
 * {@code docs/img/}.
 */
class TasklistBrowserTest extends EngineTestSupport {

    @RegisterExtension
    static final TestBrowser browser = new TestBrowser();

    private static final boolean SCREENSHOTS = Boolean.parseBoolean(System.getenv("RECOVERY_SCREENSHOTS"));
    private static final Path README_IMAGES = Path.of("docs", "img");
    private static final By LOGIN_FORM = By.cssSelector("form[name='signinForm']");
    private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[type='password']");
    private static final By TASK_NAMES = By.cssSelector("ol.tasks-list li.task h4.task a");
    private static final String DEVOPS_TASK = "DevOps 자체 해결 시도";
    private static final String MANUAL_TASK = "수동 복구";
    private static final String MANUAL_TASK_NAME = "수동 복구: Backend API 서버 다운";
    private static final By TASK_DETAILS = By.cssSelector("section.task-details");
    private static final String BACKEND_TASK = "Backend 개발자 협의";
    private static final String IT_TASK = "IT 팀 지원 요청";
    private static final String CTO_TASK = "CTO 보고 및 외부 지원 검토";

    @Test
    void theWebappsShowTheLoginFormAndNoTasksToAnonymousVisitors() throws Exception {
        breakStandin();
        open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        Task devopsTask = tasks.createTaskQuery().taskNameLike("%" + DEVOPS_TASK).singleResult();

        Session anonymous = browser.open(port).go("/camunda/app/tasklist/");
        anonymous.visible(PASSWORD);
        assertThat(anonymous.driver().getCurrentUrl()).endsWith("#/login");
        assertThat(anonymous.textOf(By.tagName("body"))).contains("Tasklist")
                .doesNotContain(DEVOPS_TASK, MANUAL_TASK, IdentitySetup.GROUP_TASKS_FILTER);

        anonymous.go("/camunda/app/tasklist/default/#/?task=" + devopsTask.getId());
        anonymous.visible(PASSWORD);
        assertThat(anonymous.textOf(By.tagName("body"))).doesNotContain(DEVOPS_TASK, MANUAL_TASK);

        for (String app : List.of("cockpit", "admin")) {
            anonymous.go("/camunda/app/" + app + "/");
            anonymous.visible(PASSWORD);
            assertThat(anonymous.driver().getCurrentUrl()).as(app).contains("/app/" + app + "/").endsWith("#/login");
        }
    }

    @Test
    void eachTierSeesOnlyItsOwnTasksInTheGroupFilter() throws Exception {
        escalateToCto();

        Session devops = loggedIn("tasklist", "devops1");
        assertThat(groupTasks(devops, DEVOPS_TASK, MANUAL_TASK_NAME)).hasSize(2)
                .noneMatch(name -> name.contains(CTO_TASK) || name.contains(BACKEND_TASK) || name.contains(IT_TASK));
        devops.visible(By.partialLinkText(MANUAL_TASK_NAME)).click();
        devops.waiting().until(ExpectedConditions.textToBePresentInElementLocated(TASK_DETAILS, MANUAL_TASK_NAME));
        assertThat(devops.textOf(By.cssSelector("form[name='generatedForm'] label[for='decision']")))
                .isEqualTo("복구 방법 선택");
        assertThat(devops.visible(By.cssSelector("form[name='generatedForm'] select[name='decision']"))
                .findElements(By.tagName("option"))).extracting(option -> option.getAttribute("value"))
                .containsExactly("restart", "rollback", "resolved");
        if (SCREENSHOTS) {
            devops.driver().executeScript("document.activeElement.blur()"); // no focus ring on the clicked link
            devops.screenshot(README_IMAGES.resolve("tasklist-devops.png"));
        }
        devops.visibleText("Description").click();
        devops.waiting().until(ExpectedConditions.textToBePresentInElementLocated(TASK_DETAILS,
                "자동 복구에 실패했습니다. 진단 결과:"));

        Session cto = loggedIn("tasklist", "cto1");
        assertThat(groupTasks(cto, CTO_TASK)).hasSize(1);
    }

    @Test
    void aDevopsEngineerReadsTheIncidentLifecycleInCockpit() throws Exception {
        Incident incident = escalateToCto();
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery()
                .processDefinitionKey(IncidentService.LIFECYCLE_PROCESS).processInstanceBusinessKey(incident.id())
                .singleResult();

        Session devops = loggedIn("cockpit", "devops1");
        devops.go("/camunda/app/cockpit/default/#/processes");
        devops.visible(By.linkText("장애 대응 (공통 절차)"));

        devops.go("/camunda/app/cockpit/default/#/process-instance/" + lifecycle.getId() + "/runtime");
        assertThat(tokensOn(devops, "CallActivity_Runbook")).isEqualTo("1");
        assertThat(tokensOn(devops, "UserTask_TierResponse")).as("one task per tier but the CTO's").isEqualTo("3");
        assertThat(tokensOn(devops, "UserTask_DecideExternalSupport")).as("the CTO's decision").isEqualTo("1");
        assertThat(tokensOn(devops, "Timer_RtoTarget")).isEqualTo("1");
        if (SCREENSHOTS) {
            devops.screenshot(README_IMAGES.resolve("cockpit-incident.png"));
        }
    }

    /** The number on the token badge Cockpit draws at {@code activityId}, once it shows one. */
    private static String tokensOn(Session session, String activityId) {
        By badge = By.cssSelector(".djs-overlays[data-container-id='" + activityId + "'] .instance-count");
        session.waiting().until(ExpectedConditions.textMatches(badge, Pattern.compile("\\d+")));
        return session.textOf(badge);
    }

    /** Opens an incident the stand-in cannot recover from and lets two hours pass: every tier has its task. */
    private Incident escalateToCto() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        advanceTo(Duration.ofHours(2));
        assertThat(tasks.createTaskQuery().taskNameLike("%" + CTO_TASK).count()).isOne();
        return incident;
    }

    /** A fresh browser logged in to {@code app} as {@code user}. */
    private Session loggedIn(String app, String user) {
        Session session = browser.open(port).go("/camunda/app/" + app + "/");
        session.visible(By.cssSelector("form[name='signinForm'] input[type='text']")).sendKeys(user);
        session.driver().findElement(PASSWORD).sendKeys("demo");
        session.driver().findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        session.waiting().until(ExpectedConditions.invisibilityOfElementLocated(LOGIN_FORM));
        return session;
    }

    /** Selects the group filter; the names in its task list once there is one ending in each of {@code expected}. */
    private static List<String> groupTasks(Session session, String... expected) {
        session.visibleText(IdentitySetup.GROUP_TASKS_FILTER).click();
        return session.waiting().withMessage(() -> "the group filter lists tasks ending in " + List.of(expected))
                .until(driver -> {
                    List<String> names = driver.findElements(TASK_NAMES).stream().map(WebElement::getText).toList();
                    boolean all = Stream.of(expected).allMatch(e -> names.stream().anyMatch(name -> name.endsWith(e)));
                    return all ? names : null;
                });
    }
}
