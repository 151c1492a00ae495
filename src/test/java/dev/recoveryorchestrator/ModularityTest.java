package dev.recoveryorchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the feature packages honest: {@code incident} is the core the others build on, {@code action}
 * knows nothing of processes, and no two features depend on each other in a cycle. A feature with a sub-package per
 * runbook ({@code runbook}) or per process ({@code inspection}) keeps what they share at its top, and the sub-packages
 * use only that: none depends on another, and the shared top depends on none of them.
 */
class ModularityTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.recoveryorchestrator");

    @Test
    void featurePackagesFormNoCycles() {
        slices().matching("dev.recoveryorchestrator.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"runbook", "inspection"})
    void subPackagesUseOnlyWhatTheirFeatureShares(String feature) {
        String top = "dev.recoveryorchestrator." + feature;
        slices().matching(top + ".(*)..").should().notDependOnEachOther().check(CLASSES);
        noClasses().that().resideInAPackage(top).should().dependOnClassesThat().resideInAPackage(top + ".*..")
                .check(CLASSES);
    }

    @Test
    void eachFeatureUsesOnlyWhatItBuildsOn() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("config").definedBy("dev.recoveryorchestrator.config..")
                .layer("action").definedBy("dev.recoveryorchestrator.action..")
                .layer("standin").definedBy("dev.recoveryorchestrator.standin..")
                .layer("incident").definedBy("dev.recoveryorchestrator.incident..")
                .layer("notify").definedBy("dev.recoveryorchestrator.notify..")
                .layer("escalation").definedBy("dev.recoveryorchestrator.escalation..")
                .layer("runbook").definedBy("dev.recoveryorchestrator.runbook..")
                .layer("monitor").definedBy("dev.recoveryorchestrator.monitor..")
                .layer("maintenance").definedBy("dev.recoveryorchestrator.maintenance..")
                .layer("intake").definedBy("dev.recoveryorchestrator.intake..")
                .layer("report").definedBy("dev.recoveryorchestrator.report..")
                .layer("inspection").definedBy("dev.recoveryorchestrator.inspection..")
                .layer("taskform").definedBy("dev.recoveryorchestrator.taskform..")
                .whereLayer("runbook").mayNotBeAccessedByAnyLayer()
                .whereLayer("monitor").mayNotBeAccessedByAnyLayer()
                .whereLayer("intake").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayNotBeAccessedByAnyLayer()
                .whereLayer("inspection").mayNotBeAccessedByAnyLayer()
                .whereLayer("taskform").mayNotBeAccessedByAnyLayer()
                .whereLayer("maintenance").mayOnlyBeAccessedByLayers("monitor", "intake", "inspection")
                .whereLayer("standin").mayNotBeAccessedByAnyLayer()
                .whereLayer("escalation").mayOnlyBeAccessedByLayers("taskform", "inspection")
                .whereLayer("notify").mayOnlyBeAccessedByLayers("escalation", "runbook", "report", "inspection")
                .whereLayer("incident").mayOnlyBeAccessedByLayers("notify", "escalation", "runbook", "monitor", "maintenance",
                        "intake", "report", "taskform", "inspection")
                .whereLayer("action").mayOnlyBeAccessedByLayers("incident", "runbook", "monitor", "standin", "maintenance",
                        "intake", "inspection", "taskform")
                .check(CLASSES);
    }
}
