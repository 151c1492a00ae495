package dev.recoveryorchestrator.notify;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who hears about incidents and how to reach the orchestrator from a mail.
 *
 * @param from sender address of every mail
 * @param users the service's users, told when an incident opens and when service is back (체크리스트 "사용자 알림")
 * @param baseUrl how people reach this orchestrator; links to Tasklist and Cockpit start with it
 */
@Validated
@ConfigurationProperties("recovery.notify")
public record NotifySettings(
        @DefaultValue("recovery-orchestrator@localhost") @NotBlank @Email String from,
        @DefaultValue List<@Email String> users,
        @DefaultValue("http://127.0.0.1:8080") @NotNull URI baseUrl) {

    public String cockpitLink(String processInstanceId) {
        return base() + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
    }

    public String tasklistLink(String taskId) {
        return base() + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    public String tasklist() {
        return base() + "/camunda/app/tasklist/default/";
    }

    private String base() {
        String text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
