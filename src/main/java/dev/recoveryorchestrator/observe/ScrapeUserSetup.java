package dev.recoveryorchestrator.observe;

import dev.recoveryorchestrator.escalation.IdentitySettings;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Who may scrape {@code /actuator/prometheus}: the members of {@code recovery.metrics.scrape-group} (and the admins).
 * The group is made at start, empty in production: an admin adds the scrape user in Camunda Admin (docs/operations.md).
 * With {@code recovery.metrics.scrape-password} set, the scrape user ({@code scrape-user}, default {@code prometheus},
 * the user {@code ops/prometheus/prometheus.yml} scrapes with) is made in it with that password; the demo makes it
 * with the demo password.
 * The group grants nothing in the engine: no Tasklist, no Cockpit, no process.
 */
@Component
class ScrapeUserSetup implements ApplicationRunner {

    static final String DEMO_USER = "prometheus";
    private static final Logger log = LoggerFactory.getLogger(ScrapeUserSetup.class);
    private final IdentityService identity;
    private final MetricsSettings settings;
    private final IdentitySettings people;

    ScrapeUserSetup(IdentityService identity, MetricsSettings settings, IdentitySettings people) {
        this.identity = identity;
        this.settings = settings;
        this.people = people;
    }

    @Override
    public void run(ApplicationArguments args) {
        String groupId = settings.scrapeGroup();
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identity.newGroup(groupId);
            group.setName("Metrics scrape (Prometheus)");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            ignoringRace(() -> identity.saveGroup(group));
            log.info("Created group {} (may read /actuator/prometheus)", groupId);
        }
        String password = settings.scrapePassword();
        if ((password == null || password.isBlank()) && people.demoUsers()) {
            password = people.demoPassword();
        }
        if (password == null || password.isBlank()) {
            return;
        }
        String userId = settings.scrapeUser();
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName("Prometheus");
            user.setLastName("(metrics scrape)");
            user.setPassword(password);
            ignoringRace(() -> identity.saveUser(user));
            log.info("Created scrape user {}", userId);
        } else if (!identity.checkPassword(userId, password)) {
            User user = identity.createUserQuery().userId(userId).singleResult();
            user.setPassword(password);
            identity.saveUser(user);
            log.info("Scrape user {}: password set from recovery.metrics.scrape-password", userId);
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            ignoringRace(() -> identity.createMembership(userId, groupId));
        }
    }

    /** Two nodes starting together: the other one made it first. */
    private static void ignoringRace(Runnable save) {
        try {
            save.run();
        } catch (DataIntegrityViolationException | org.camunda.bpm.engine.ProcessEngineException raced) {
            log.debug("Made by another node meanwhile: {}", raced.getMessage());
        }
    }
}
