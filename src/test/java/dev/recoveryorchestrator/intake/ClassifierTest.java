package dev.recoveryorchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The classification order: the type label, the label matchers in order, the alertname map; and the scope. */
class ClassifierTest {

    private final Classifier classifier = new Classifier(new IntakeSettings(null, "failure_type",
            List.of(new IntakeSettings.Rule(Map.of("job", "routing-ml", "alertname", "Predict.*Errors"),
                    FailureType.DATABASE_UNREACHABLE, Scope.FEATURE)),
            Map.of("BackendDown", FailureType.BACKEND_API_DOWN), "severity", Map.of("critical", Scope.WHOLE),
            Scope.PARTIAL, Duration.ofMinutes(30), DataSize.ofMegabytes(1), Duration.ofMinutes(10), 1000, 100_000, 20,
            new IntakeSettings.Grafana(null, "s", "t", Duration.ofMinutes(5))));

    @Test
    void theTypeLabelComesFirstThenTheRulesThenTheAlertname() {
        assertThat(classifier.classify(Map.of("alertname", "BackendDown", "failure_type", "5"))).get()
                .extracting(Classifier.Classification::type).isEqualTo(FailureType.MODEL_CORRUPTION);
        assertThat(classifier.classify(Map.of("alertname", "PredictDbErrors", "job", "routing-ml", "severity", "critical")))
                .get().satisfies(c -> {
                    assertThat(c.type()).isEqualTo(FailureType.DATABASE_UNREACHABLE);
                    assertThat(c.scope()).as("the rule's scope").isEqualTo(Scope.FEATURE);
                    assertThat(c.rule()).isEqualTo("recovery.intake.rules[0]");
                });
        assertThat(classifier.classify(Map.of("alertname", "BackendDown", "severity", "critical"))).get()
                .satisfies(c -> assertThat(c.scope()).isEqualTo(Scope.WHOLE));
        assertThat(classifier.classify(Map.of("alertname", "BackendDown", "severity", "page"))).get()
                .satisfies(c -> assertThat(c.scope()).as("default").isEqualTo(Scope.PARTIAL));
    }

    @Test
    void noRuleMeansUnmatchedAndValuesAreOnlyCompared() {
        assertThat(classifier.classify(Map.of("alertname", "PredictDbErrors", "job", "other"))).isEmpty();
        assertThat(classifier.classify(Map.of("alertname", "BackendDown${x}"))).isEmpty();
        assertThat(classifier.classify(Map.of("alertname", ".*", "job", "routing-ml"))).isEmpty();
        assertThat(classifier.classify(Map.of("failure_type", "$(id)"))).isEmpty();
        assertThat(classifier.classify(Map.of())).isEmpty();
    }

    @Test
    void grafanasNoDataAlertIsClassifiedByItsRulesName() {
        assertThat(classifier.classify(Map.of("alertname", "DatasourceNoData", "rulename", "BackendDown"))).get()
                .extracting(Classifier.Classification::type).isEqualTo(FailureType.BACKEND_API_DOWN);
    }
}
