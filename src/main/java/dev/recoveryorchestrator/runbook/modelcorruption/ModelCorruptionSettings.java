package dev.recoveryorchestrator.runbook.modelcorruption;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Type 5 [모델 파일 손상]. The model folder itself is {@code recovery.target.model-dir}; the commands are the actions
 * named here under {@code recovery.actions}.
 *
 * @param latest the folder the service loads from ({@code latest/})
 * @param modelFile the model's file name in a version ({@code model.pkl})
 * @param versionPattern a dated version's folder name; its first group is the date, {@code yyyyMMdd}
 * @param md5Manifest the md5 manifest's file name in each version (md5sum's format: {@code <hex>  <file>})
 * @param sha256Manifest the sha-256 manifest's file name beside it (sha256sum's format)
 * @param maxVersionAge dated versions older than this are never installed automatically: a person is asked or the
 *     model is retrained (the RTO fallback may still install one)
 * @param loadCheckAction the action that loads {@code latest/model.pkl} as the service would (a Python one-liner
 *     that unpickles it); not configured is a finding, not a pass
 * @param retrainAction the tracked action that retrains the model (runbook 단계 2)
 * @param retrainOutput the version folder (under the model folder) the retrain writes
 * @param retrainLoadCheckAction the action that loads the retrain's output model; without it the output is not
 *     installed automatically (a person decides)
 * @param installAction the built-in tracked action that installs the newest version whose files verify, whatever
 *     its age: the last resort, usable on its own through {@code run-action}
 * @param installTimeout bound of that action
 * @param logLines lines of the target's log read for the symptom
 * @param symptomPatterns log lines and {@code /api/predict} answers that are the symptom
 * @param predict the one {@code /api/predict} that must succeed after the restart
 */
@Validated
@ConfigurationProperties("recovery.runbook.model-corruption")
public record ModelCorruptionSettings(
        @DefaultValue("latest") @NotBlank @Pattern(regexp = SIMPLE_NAME) String latest,
        @DefaultValue("model.pkl") @NotBlank @Pattern(regexp = SIMPLE_NAME) String modelFile,
        @DefaultValue("v(\\d{8})") @NotNull java.util.regex.Pattern versionPattern,
        @DefaultValue("checksums.md5") @NotBlank @Pattern(regexp = SIMPLE_NAME) String md5Manifest,
        @DefaultValue("checksums.sha256") @NotBlank @Pattern(regexp = SIMPLE_NAME) String sha256Manifest,
        @DefaultValue("30d") @NotNull Duration maxVersionAge,
        @DefaultValue("check-model-load") @NotBlank String loadCheckAction,
        @DefaultValue("retrain-model") @NotBlank String retrainAction,
        @DefaultValue("emergency-retrain") @NotBlank @Pattern(regexp = SIMPLE_NAME) String retrainOutput,
        @DefaultValue("check-retrained-model-load") @NotBlank String retrainLoadCheckAction,
        @DefaultValue("install-previous-model") @NotBlank String installAction,
        @DefaultValue("PT30M") @NotNull Duration installTimeout,
        @DefaultValue("200") @Min(1) @Max(10000) int logLines,
        @DefaultValue({"Failed to load model", "Model not found"}) @NotEmpty List<@NotBlank String> symptomPatterns,
        @DefaultValue @NotNull Predict predict) {

    /** A file or folder name of one segment: no separator, not {@code .} or {@code ..}. */
    static final String SIMPLE_NAME = "(?!\\.{1,2}$)[^/\\\\\\x00]+";

    /**
     * The request that shows the service predicts again; like the monitor's probe it must be one the service treats
     * as read-only (docs/architecture.md, "The predict probe").
     *
     * @param method the HTTP method
     * @param path resolved against {@code recovery.target.health-url}
     * @param body sent as it is; none when unset
     * @param headers request headers, as given
     * @param timeout how long one request may take
     */
    public record Predict(
            @DefaultValue("GET") @NotBlank String method,
            @DefaultValue("/api/predict") @NotBlank String path,
            String body,
            @DefaultValue java.util.Map<String, String> headers,
            @DefaultValue("PT5S") @NotNull Duration timeout) {
    }
}
