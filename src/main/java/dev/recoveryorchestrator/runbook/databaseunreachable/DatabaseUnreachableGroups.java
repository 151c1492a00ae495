package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.runbook.RunbookGroups;
import org.springframework.stereotype.Component;

/**
 * The Type 2 model's configuration lookups: who approves a restore ({@code ${databaseUnreachableGroups.approvers(rpoTier)}}
 * — the responders beyond the RPO target, {@code approver-group} (the CTO) beyond the acceptable limit), and whether
 * a person confirms before read-only mode is switched off ({@code ${databaseUnreachableGroups.confirmReadOnlyOff()}}).
 */
@Component("databaseUnreachableGroups")
public class DatabaseUnreachableGroups {

    private final RunbookGroups groups;
    private final DatabaseUnreachableSettings settings;

    DatabaseUnreachableGroups(RunbookGroups groups, DatabaseUnreachableSettings settings) {
        this.groups = groups;
        this.settings = settings;
    }

    public String approvers(String rpoTier) {
        return "beyond-acceptable".equals(rpoTier) ? settings.approverGroup() : groups.responders();
    }

    public boolean confirmReadOnlyOff() {
        return settings.confirmReadOnlyOff();
    }
}
