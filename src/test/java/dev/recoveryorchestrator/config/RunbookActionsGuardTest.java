package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.config.RunbookActionsGuard.Calls;
import dev.recoveryorchestrator.config.RunbookActionsGuard.NamedBySetting;
import dev.recoveryorchestrator.inspection.drill.DrillModel;
import dev.recoveryorchestrator.inspection.drill.DrillSettings;
import dev.recoveryorchestrator.runbook.modelcorruption.ModelCorruptionActions;
import dev.recoveryorchestrator.runbook.modelcorruption.ModelCorruptionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * The actions production must define are read from the deployed models: every name a model gives in an input
 * parameter {@code action} or hands to {@code run-action}, the ones it names by a setting resolved through that
 * setting, and a way of naming this check cannot read is a problem of its own.
 */
class RunbookActionsGuardTest {

    private static final String MODELS = "camunda.bpm.deployment-resource-pattern";

    @TempDir
    Path folder;

    @Test
    void theDeployedModelsCallTheseActionsAndNameEachInAWayTheCheckReads() {
        Calls calls = RunbookActionsGuard.called(deployedModels());

        assertThat(calls.unreadable()).isEmpty();
        assertThat(calls.actions().keySet()).containsExactly("check-backend-process", "compose-down", "compose-rebuild",
                "container-logs", "network-allow-ports", "network-route-table", "rebuild-last-known-good",
                "restart-backend", "retrain-model", "rollback-backend");
        assertThat(calls.actions().get("restart-backend")).containsExactly("inspection-drill", "runbook-backend-api-down",
                "runbook-database-unreachable", "runbook-model-corruption");
        assertThat(calls.actions().get("retrain-model")).as("${modelCorruptionActions.retrain()}")
                .containsExactly("runbook-model-corruption");
        assertThat(calls.actions()).as("Type 5's last resort is built in").doesNotContainKey("install-previous-model");
    }

    @Test
    void anActionNamedBySettingIsTheOneTheSettingHolds() {
        MockEnvironment environment = deployedModels()
                .withProperty("recovery.runbook.model-corruption.retrain-action", "retrain-on-gpu")
                .withProperty("recovery.inspection.drill.restore-action", "restart-staging");

        Calls calls = RunbookActionsGuard.called(environment);

        assertThat(calls.actions()).doesNotContainKey("retrain-model").containsKey("retrain-on-gpu");
        assertThat(calls.actions().get("restart-staging")).containsExactly("inspection-drill");
        assertThat(calls.actions().get("restart-backend")).doesNotContain("inspection-drill");
    }

    @Test
    void eachExpressionTheCheckKnowsReturnsWhatItsSettingHoldsOrItsDefault() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Beans.class);
        runner.run(context -> RunbookActionsGuard.NAMED_BY_SETTING.forEach((expression, setting) ->
                assertThat(evaluate(context, expression)).as(expression).isEqualTo(setting.defaultName())));
        for (Map.Entry<String, NamedBySetting> named : RunbookActionsGuard.NAMED_BY_SETTING.entrySet()) {
            runner.withPropertyValues(named.getValue().property() + "=renamed-action").run(context ->
                    assertThat(evaluate(context, named.getKey())).as(named.getKey()).isEqualTo("renamed-action"));
        }
    }

    @Test
    void aModelThatNamesItsActionByAnUnknownExpressionOrAVariableIsAProblemNamingTheModelAndItsStep()
            throws IOException {
        Files.writeString(folder.resolve("runbook-disk-full.bpmn"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="runbook-disk-full" isExecutable="true">
                    <bpmn:callActivity id="Task_Clean" calledElement="run-action">
                      <bpmn:extensionElements>
                        <camunda:in sourceExpression="${diskActions.clean()}" target="actionName" />
                      </bpmn:extensionElements>
                    </bpmn:callActivity>
                    <bpmn:callActivity id="Task_Again" calledElement="run-action">
                      <bpmn:extensionElements>
                        <camunda:in source="chosenAction" target="actionName" />
                      </bpmn:extensionElements>
                    </bpmn:callActivity>
                    <bpmn:serviceTask id="Task_Look" camunda:delegateExpression="${runNamedActionDelegate}">
                      <bpmn:extensionElements>
                        <camunda:inputOutput>
                          <camunda:inputParameter name="action">disk-usage</camunda:inputParameter>
                        </camunda:inputOutput>
                      </bpmn:extensionElements>
                    </bpmn:serviceTask>
                  </bpmn:process>
                </bpmn:definitions>
                """);
        MockEnvironment environment = new MockEnvironment().withProperty(MODELS, "file:" + folder + "/*.bpmn");

        assertThat(RunbookActionsGuard.problems(environment)).containsExactly(
                "runbook-disk-full (Task_Clean) names its action in a way the start-up check cannot read "
                        + "(${diskActions.clean()}): name it literally or by a setting the check knows",
                "runbook-disk-full (Task_Again) names its action in a way the start-up check cannot read: name it "
                        + "literally or by a setting the check knows",
                "no action for the runbooks: recovery.actions.disk-usage is unset (called by runbook-disk-full; add "
                        + "the 'docker' or 'local' profile, or configure it)");
        assertThat(RunbookActionsGuard.problems(environment.withProperty("recovery.actions.disk-usage.steps[0].command[0]",
                "df"))).hasSize(2);
    }

    @Test
    void withAutoDeploymentOffNoModelIsDeployedAndNoActionRequired() {
        MockEnvironment environment = deployedModels().withProperty("camunda.bpm.auto-deployment-enabled", "false");

        assertThat(RunbookActionsGuard.problems(environment)).isEmpty();
    }

    private static MockEnvironment deployedModels() {
        return new MockEnvironment().withProperty(MODELS, "classpath*:bpmn/*.bpmn");
    }

    /** A model's {@code ${bean.method()}}, evaluated against the application's beans as the engine would. */
    private static Object evaluate(ApplicationContext context, String expression) {
        StandardEvaluationContext evaluation = new StandardEvaluationContext();
        evaluation.setBeanResolver(new BeanFactoryResolver(context));
        String call = expression.substring(2, expression.length() - 1);
        return new SpelExpressionParser().parseExpression("@" + call).getValue(evaluation);
    }

    /** The beans the models' action expressions call, with their settings. */
    @Configuration
    @EnableConfigurationProperties({ModelCorruptionSettings.class, DrillSettings.class})
    @Import({ModelCorruptionActions.class, DrillModel.class})
    static class Beans {
    }
}
