package dev.recoveryorchestrator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestBrowser;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.incident.Acknowledgement;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.maintenance.MaintenancePlanner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The public status page in headless Chromium, without logging in: it shows an open incident in plain words (what,
 * since when, acknowledged, the role on it), a recovery of the last days with its downtime and the maintenance to
 * come, and hides what users must not see (hosts, paths, people, ids, a window's reason). A hostile summary is text.
 */
class StatusPageBrowserTest extends EngineTestSupport {

    @RegisterExtension
    static final TestBrowser browser = new TestBrowser();

    private static final String HOSTILE = "<img src=x onerror=\"document.title='pwned'\"> <b>굵게 </b> ${x} #{x} $(id) ; id "
            + "응답 없음 127.0.0.1:18000 http://routing-ml.internal/api /var/log/routing-ml/backend.log";

    @Autowired
    MaintenancePlanner maintenance;

    @Test
    void showsAnOpenIncidentInPlainWordsAndHidesWhatItMust() {
        Incident open = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE, HOSTILE, "api",
                "devops1")).incident();
        incidents.acknowledge(open.id(), "backend1", Acknowledgement.API);
        Incident recovered = open(FailureType.MODEL_CORRUPTION);
        advance(Duration.ofMinutes(42));
        incidents.markRecovered(recovered.id());
        maintenance.declare(List.of(FailureType.DATABASE_UNREACHABLE), start.plus(Duration.ofDays(1)),
                "db01.corp 10.0.0.5 교체 (김철수)", "admin");

        try (TestBrowser.Session session = browser.open(port)) {
            session.go("/status");
            String text = session.driver().findElement(By.tagName("body")).getText();
            String source = session.driver().getPageSource();

            assertThat(session.textOf(By.id("state"))).contains("장애 발생");
            assertThat(session.textOf(By.cssSelector("#open .incident"))).contains(FailureType.BACKEND_API_DOWN.koreanName(),
                    "담당자가 확인하고 대응 중입니다", "<img src=x", "<b>굵게", "${x}", "$(id)", "응답 없음");
            assertThat(session.driver().findElements(By.cssSelector("#open img, #open b"))).as("markup stays text").isEmpty();
            assertThat(session.driver().getTitle()).isEqualTo("서비스 상태");
            assertThat(session.textOf(By.id("recovered"))).contains(FailureType.MODEL_CORRUPTION.koreanName(), "42분");
            assertThat(session.textOf(By.id("maintenance"))).contains(FailureType.DATABASE_UNREACHABLE.koreanName());
            assertThat(source).contains("http-equiv=\"refresh\"");
            assertThat(text + source).doesNotContain("127.0.0.1", "routing-ml.internal", "/var/log", "backend.log",
                    "devops1", "backend1", "admin", "db01", "10.0.0.5", "김철수", open.id(), Incident.shortId(open.id()),
                    open.processInstanceId(), recovered.id());
        }
        assertThat(TestHttp.on(port).get("/status").status()).as("no login").isEqualTo(200);
    }
}
