package dev.recoveryorchestrator.escalation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The runbook's contact table [연락처], per group: who is mailed when the group's tier joins.
 *
 * @param contacts the people of each group (the key is a tier's group)
 */
@Validated
@ConfigurationProperties("recovery")
public record ContactSettings(@DefaultValue Map<String, List<@Valid Contact>> contacts) {

    /**
     * One person to tell.
     *
     * @param name the person's name, as mails and the report show it
     * @param email where the tier's mails go
     * @param phone the number the runbook's contact table gives, shown in mails and forms (never dialled)
     * @param user the Camunda user id of the person, when the person uses Tasklist
     * @param hours when the person can be reached (24/7, 평일 09-18시)
     */
    public record Contact(@NotBlank String name, @NotBlank @Email String email, String phone, String hours, String user) {
    }

    public List<Contact> of(String group) {
        return contacts.getOrDefault(group, List.of());
    }
}
