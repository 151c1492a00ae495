package dev.recoveryorchestrator.escalation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The runbook's contact table [연락처], per group: who is mailed when the group's tier joins. */
@Validated
@ConfigurationProperties("recovery")
public record ContactSettings(@DefaultValue Map<String, List<@Valid Contact>> contacts) {

    /**
     * @param user the Camunda user id of the person, when the person uses Tasklist
     * @param hours when the person can be reached (24/7, 평일 09-18시)
     */
    public record Contact(@NotBlank String name, @NotBlank @Email String email, String phone, String hours, String user) {
    }

    public List<Contact> of(String group) {
        return contacts.getOrDefault(group, List.of());
    }
}
