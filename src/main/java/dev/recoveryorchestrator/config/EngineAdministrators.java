package dev.recoveryorchestrator.config;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Whether an authenticated request comes from a Camunda administrator (an admin group or an admin user). */
final class EngineAdministrators {

    private EngineAdministrators() {
    }

    static boolean isAdministrator(ProcessEngineConfigurationImpl configuration, Authentication authentication) {
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        List<String> adminGroups = configuration.getAdminGroups() == null ? List.of() : configuration.getAdminGroups();
        List<String> adminUsers = configuration.getAdminUsers() == null ? List.of() : configuration.getAdminUsers();
        return groups.stream().anyMatch(adminGroups::contains) || adminUsers.contains(authentication.getUserId());
    }
}
