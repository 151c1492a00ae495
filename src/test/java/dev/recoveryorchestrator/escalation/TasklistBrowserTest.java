package dev.recoveryorchestrator.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestBrowser;
import dev.recoveryorchestrator.TestBrowser.Session;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.taskform.TaskContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Camunda webapps in a real headless Chromium: Tasklist and Cockpit ask for a login, each tier sees its own
 * tasks in the "내 그룹 작업" filter that {@link IdentitySetup} makes, and a DevOps engineer may read the audit
 * trail in Cockpit. A responder completes a task's form, which shows the incident's context; the CTO oversees every
 * open incident in its own filter; the admin reads an instance in Cockpit. Pictures of each are kept under
 * {@code target/screenshots/}; with {@code RECOVERY_SCREENSHOTS=true} the run also writes the README's pictures to
 * {@code docs/img/}.
 */
class TasklistBrowserTest extends EngineTestSupport {

    @RegisterExtension
    static final TestBrowser browser = new TestBrowser();

    private static final boolean SCREENSHOTS = Boolean.parseBoolean(System.getenv("RECOVERY_SCREENSHOTS"));
    private static final Path README_IMAGES = Path.of("docs", "img");
    private static final Path SCREENSHOTS_DIR = Path.of("target", "screenshots");
    private static final String HOSTILE = "{{constructor.constructor('alert(1)')()}} <img src=x onerror=alert(1)> "
            + "${x} #{x} $(id) ; id ../..";
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
        assertThat(devops.textOf(By.cssSelector("form[name='incidentTaskForm'] label[for='ro-field-decision']")))
                .isEqualTo("복구 방법 선택 (필수)");
        assertThat(devops.visible(By.cssSelector("form[name='incidentTaskForm'] select[name='decision']"))
                .findElements(By.tagName("option"))).extracting(option -> option.getAttribute("value"))
                .containsExactly("", "restart", "rollback", "resolved");
        devops.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("form[name='incidentTaskForm'] .ro-context"), "RTO까지 남은 시간"));
        screenshot(devops, "tasklist-devops.png");
        devops.visibleText("Description").click();
        devops.waiting().until(ExpectedConditions.textToBePresentInElementLocated(TASK_DETAILS,
                "자동 복구에 실패했습니다. 진단 결과:"));

        Session cto = loggedIn("tasklist", "cto1");
        assertThat(groupTasks(cto, CTO_TASK)).hasSize(1);
    }

    @Test
    void aDevopsEngineerCompletesTheManualRecoveryFormThatShowsTheIncident() throws Exception {
        breakStandin();
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.PARTIAL, HOSTILE,
                "helpdesk", null)).incident();
        runDueJobs();
        advance(Duration.ofMinutes(20));
        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_ManualRecovery").singleResult();

        Session devops = loggedIn("tasklist", "devops1");
        devops.go("/camunda/app/tasklist/default/#/?task=" + manual.getId());
        By title = By.cssSelector("form[name='incidentTaskForm'] .ro-context .ro-title");
        devops.waiting().until(ExpectedConditions.textToBePresentInElementLocated(title, Incident.shortId(incident.id())));
        String context = devops.textOf(By.cssSelector("form[name='incidentTaskForm'] .ro-context"));
        assertThat(context).contains("Type 1 Backend API 서버 다운", "영향 범위", "발생 시각", "RTO 목표 시각", "진단 결과",
                "지금까지 한 조치", "최근 로그", "Cockpit에서 보기");
        assertThat(devops.textOf(By.cssSelector(".ro-context .ro-elapsed"))).as("engine clock: 20 minutes in")
                .matches("(19|20|21)분( \\d{1,2}초)?");
        assertThat(devops.textOf(By.cssSelector(".ro-context .ro-time-left"))).matches("3시간 (38|39|40|41)분 남음");
        assertThat(devops.driver().findElements(By.cssSelector(".ro-context ul li"))).as("the findings").isNotEmpty();
        assertThat(context).as("the summary is text: no tag, no template evaluated").contains(HOSTILE);
        assertThat(devops.driver().findElements(By.cssSelector(".ro-context img"))).isEmpty();

        devops.visibleText("Claim").click();
        By decision = By.cssSelector("form[name='incidentTaskForm'] select[name='decision']");
        devops.waiting().withMessage("the form opens for the task's assignee").until(driver ->
                driver.findElement(decision).isEnabled());
        WebElement complete = devops.visible(By.cssSelector("button[ng-click='complete()']"));
        assertThat(complete.isEnabled()).as("the required choice is still empty").isFalse();
        screenshot(devops, "tasklist-form.png");

        new Select(devops.visible(decision)).selectByValue("resolved");
        devops.waiting().until(driver -> complete.isEnabled());
        complete.click();
        devops.waiting().withMessage("the task is completed").until(driver ->
                tasks.createTaskQuery().taskId(manual.getId()).count() == 0);

        HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(manual.getId()).singleResult();
        assertThat(done.getAssignee()).isEqualTo("devops1");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(manual.getProcessInstanceId())
                .variableName("decision").singleResult().getValue()).isEqualTo("resolved");
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(manual.getProcessInstanceId())
                .variableName(TaskContext.VARIABLE).count()).as("the context is never written back").isZero();
    }

    @Test
    void theCtoSeesEveryOpenIncidentsTasksInTheirFilter() throws Exception {
        escalateToCto();

        Session cto = loggedIn("tasklist", "cto1");
        cto.visibleText(IdentitySetup.OPEN_INCIDENTS_FILTER).click();
        List<String> names = cto.waiting().withMessage("the open-incidents filter lists the devops tasks too")
                .until(driver -> {
                    List<String> listed = driver.findElements(TASK_NAMES).stream().map(WebElement::getText).toList();
                    return listed.stream().anyMatch(name -> name.endsWith(MANUAL_TASK_NAME))
                            && listed.stream().anyMatch(name -> name.endsWith(CTO_TASK)) ? listed : null;
                });
        assertThat(names).anyMatch(name -> name.endsWith(DEVOPS_TASK));
        screenshot(cto, "tasklist-cto-open-incidents.png");

        Session devops = loggedIn("tasklist", "devops1");
        devops.visibleText(IdentitySetup.GROUP_TASKS_FILTER);
        assertThat(devops.driver().findElements(Session.withText(IdentitySetup.OPEN_INCIDENTS_FILTER)))
                .as("only the approver tier has it").isEmpty();
    }

    @Test
    void theAdminReadsTheIncidentsInstanceAndItsCalledRunbookInCockpit() throws Exception {
        Incident incident = escalateToCto();

        Session admin = loggedIn("cockpit", "admin", "admin");
        admin.go("/camunda/app/cockpit/default/#/process-instance/" + incident.processInstanceId() + "/runtime");
        assertThat(tokensOn(admin, "CallActivity_Runbook")).isEqualTo("1");
        admin.visibleText("Called Process Instances").click();
        admin.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Type 1: Backend API 서버 다운"));
        admin.visibleText("Variables").click();
        admin.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), incident.id()));
        screenshot(admin, "cockpit-admin-instance.png");
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
        screenshot(devops, "cockpit-incident.png");
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

    /**
     * Keeps a picture of what the test saw under {@code target/screenshots/}; with {@code RECOVERY_SCREENSHOTS=true}
     * also as the README's picture in {@code docs/img/}.
     */
    private static void screenshot(Session session, String name) {
        session.driver().executeScript("document.activeElement && document.activeElement.blur()");
        session.screenshot(SCREENSHOTS_DIR.resolve(name));
        if (SCREENSHOTS) {
            session.screenshot(README_IMAGES.resolve(name));
        }
    }

    /** A fresh browser logged in to {@code app} as {@code user} (a demo user). */
    private Session loggedIn(String app, String user) {
        return loggedIn(app, user, "demo");
    }

    private Session loggedIn(String app, String user, String password) {
        Session session = browser.open(port).go("/camunda/app/" + app + "/");
        session.visible(By.cssSelector("form[name='signinForm'] input[type='text']")).sendKeys(user);
        session.driver().findElement(PASSWORD).sendKeys(password);
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
