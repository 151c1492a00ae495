package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.RecoveryAction;
import java.io.IOException;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Type 5's last resort as a named action ({@code recovery.runbook.model-corruption.install-action}, default
 * {@code install-previous-model}): installs the newest dated version whose files verify, whatever its age — the
 * previous model even if older than {@code max-version-age} prefers. Tracked: it runs only through
 * {@code run-action}, bounded by {@code install-timeout}, so a model of any size is copied outside a job. A
 * restart must follow for the service to load it.
 */
@Component
class InstallPreviousModelAction implements RecoveryAction {

    private final ModelVersionChoice choice;
    private final ModelInstaller installer;
    private final ModelCorruptionSettings settings;

    InstallPreviousModelAction(ModelVersionChoice choice, ModelInstaller installer, ModelCorruptionSettings settings) {
        this.choice = choice;
        this.installer = installer;
        this.settings = settings;
    }

    @Override
    public String name() {
        return settings.installAction();
    }

    @Override
    public ActionResult run() {
        Deadline deadline = Deadline.after(settings.installTimeout());
        try {
            ModelVersionChoice.Chosen chosen = choice.choose(deadline);
            if (chosen.newestVerified().isEmpty()) {
                return new ActionResult(name(), false, 1, "검증된 버전 없음: " + chosen.summary());
            }
            ModelInstaller.Installed installed = installer.install(chosen.newestVerified().get(), deadline);
            return new ActionResult(name(), true, 0, installed.version() + " → latest/ 설치, 검증 통과"
                    + (installed.asides().isEmpty() ? "" : "; 기존 파일 보관: " + String.join(", ", installed.asides())));
        } catch (ModelInstaller.NotInstalled | IOException | Deadline.Exceeded e) {
            return new ActionResult(name(), false, 1, e.getMessage());
        }
    }

    @Override
    public Duration timeout() {
        return settings.installTimeout();
    }

    @Override
    public boolean tracked() {
        return true;
    }
}
