package dev.recoveryorchestrator.escalation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The runbook's escalation [에스컬레이션 절차]: ordered tiers, each joining after its delay since the incident
 * opened. Tiers add people; none is dropped.
 *
 * @param tiers the tiers in the order they join (a later tier never joins earlier)
 * @param approverGroup the final-approval tier (the runbook's CTO, "최종 승인"): reported to when the RTO target
 *     passes, and its task asks it to decide on external support
 */
@Validated
@ConfigurationProperties("recovery.escalation")
public record EscalationSettings(
        @NotEmpty List<@Valid Tier> tiers,
        @DefaultValue("cto") @NotBlank String approverGroup) {

    /**
     * One tier.
     *
     * @param group the Camunda group whose members get the tier's task, and the key of its contacts
     * @param after delay since the incident opened
     * @param name the tier as people call it (DevOps 엔지니어)
     * @param task the name of the tier's task in Tasklist
     * @param ask what the runbook asks of the tier, shown in the task and the mail
     */
    public record Tier(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,39}", message = "must be a lower-case group id") String group,
            @NotNull Duration after,
            @NotBlank String name,
            @NotBlank String task,
            @NotBlank String ask) {
    }

    public Optional<Tier> tier(String group) {
        return tiers.stream().filter(t -> t.group().equals(group)).findFirst();
    }

    @AssertTrue(message = "each group may appear once, and delays must not decrease")
    public boolean isOrdered() {
        if (tiers == null) {
            return true;
        }
        for (int i = 1; i < tiers.size(); i++) {
            Tier before = tiers.get(i - 1);
            Tier tier = tiers.get(i);
            if (before.after() == null || tier.after() == null) {
                continue;
            }
            if (tier.after().compareTo(before.after()) < 0) {
                return false;
            }
        }
        return tiers.stream().map(Tier::group).distinct().count() == tiers.size();
    }

    @AssertTrue(message = "approver-group must be one of the tiers' groups")
    public boolean isApproverGroupKnown() {
        return tiers == null || approverGroup == null || tier(approverGroup).isPresent();
    }
}
