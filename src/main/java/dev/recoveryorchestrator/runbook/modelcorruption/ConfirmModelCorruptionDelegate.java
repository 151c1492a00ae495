package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Answer;
import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.LogFiles.LogRead;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.Findings;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmModelCorruption} (증상 확인): before any file is moved, Type 5 confirms both halves of its
 * symptom — the file itself is damaged ({@code latestDamaged} from 파일 무결성 확인: a checksum, the size, the framing
 * or the load check) and the service shows it ({@code /api/predict} answers {@code Model not found}, or the log's
 * last {@code log-lines} lines say {@code Failed to load model} / {@code Model not found}). One half alone is not
 * confirmed: a person decides in the triage task. Sets {@code symptomConfirmed}.
 */
@Component("confirmModelCorruptionDelegate")
class ConfirmModelCorruptionDelegate implements JavaDelegate {

    private final PredictProbe predict;
    private final TargetSettings target;
    private final ModelCorruptionSettings settings;
    private final Findings findings;

    ConfirmModelCorruptionDelegate(PredictProbe predict, TargetSettings target, ModelCorruptionSettings settings,
            Findings findings) {
        this.predict = predict;
        this.target = target;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean damaged = ModelCorruptionVariables.latestDamaged(execution);
        Answer answer = predict.ask();
        boolean answers = predict.symptom(answer.body());
        LogRead log = LogFiles.tail(target.logFile(), settings.logLines());
        List<String> logged = log.lines().stream().filter(predict::symptom).toList();
        boolean symptom = answers || !logged.isEmpty();
        boolean confirmed = damaged && symptom;
        String service = "/api/predict " + answer.detail() + "; 로그 " + (log.failed() ? log.problem()
                : logged.isEmpty() ? "모델 오류 없음" : "모델 오류 " + logged.size() + "줄, 마지막: "
                        + HealthProbe.oneLine(logged.get(logged.size() - 1)));
        findings.symptom(execution, confirmed, "증상 확인: " + (confirmed ? "모델 파일 손상 확인" : "증상 미확인")
                + " - 파일 " + (damaged ? "손상" : "이상 없음") + ", 서비스 " + (symptom ? "모델 로드 실패" : "증상 없음")
                + " (" + service + ")");
    }
}
