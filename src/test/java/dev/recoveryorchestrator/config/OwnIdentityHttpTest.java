package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who a responder is (mail address, name, groups) is the administrator's word: a tier user who sets their own mail
 * address would receive the incident mails. Over Camunda's REST API as the demo's DevOps user, and as the admin.
 */
class OwnIdentityHttpTest extends EngineTestSupport {

    @Autowired
    IdentityService identity;

    private String mailBefore;

    @AfterEach
    void restore() {
        if (mailBefore != null) {
            User user = identity.createUserQuery().userId("devops1").singleResult();
            user.setEmail(mailBefore);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId("devops1").memberOfGroup("cto").count() > 0
                && identity.createUserQuery().userId("cto1").count() > 0) {
            identity.deleteMembership("devops1", "cto");
        }
    }

    @Test
    void aUserCannotSetTheirOwnMailAddressOrNameButMayChangeTheirPassword() {
        User stored = identity.createUserQuery().userId("devops1").singleResult();
        mailBefore = stored.getEmail();
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");

        for (String email : new String[] {"attacker@example.com", "devops1@routing-ml.local\r\nBcc: x@example.com"}) {
            Response own = devops.put("/engine-rest/user/devops1/profile", "{\"id\":\"devops1\",\"firstName\":\""
                    + stored.getFirstName() + "\",\"lastName\":\"" + stored.getLastName() + "\",\"email\":\"" + email.replace("\r", "\\r").replace("\n", "\\n") + "\"}");
            assertThat(own.status()).as(own.body()).isEqualTo(403);
        }
        assertThat(identity.createUserQuery().userId("devops1").singleResult().getEmail()).isEqualTo(mailBefore);

        Response password = devops.put("/engine-rest/user/devops1/credentials",
                "{\"password\":\"demo\",\"authenticatedUserPassword\":\"demo\"}");
        assertThat(password.status()).as("the password is theirs: " + password.body()).isEqualTo(204);
    }

    @Test
    void aUserCannotJoinOrLeaveAGroupButTheAdminCan() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");

        assertThat(devops.put("/engine-rest/group/cto/members/devops1", null).status()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId("devops1").memberOfGroup("cto").count()).isZero();
        Response leave = devops.delete("/engine-rest/group/devops/members/devops1");
        assertThat(leave.status()).as(leave.body()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId("devops1").memberOfGroup("devops").count()).isOne();

        TestHttp admin = TestHttp.on(port).as("admin", "admin");
        assertThat(admin.put("/engine-rest/group/cto/members/devops1", null).status()).isEqualTo(204);
        assertThat(identity.createUserQuery().userId("devops1").memberOfGroup("cto").count()).isOne();
    }

    @Test
    void theAdminMaySetAUsersMailAddress() {
        mailBefore = identity.createUserQuery().userId("devops1").singleResult().getEmail();
        TestHttp admin = TestHttp.on(port).as("admin", "admin");

        Response set = admin.put("/engine-rest/user/devops1/profile", "{\"id\":\"devops1\",\"firstName\":\"DevOps\","
                + "\"lastName\":\"x\",\"email\":\"devops-new@routing-ml.local\"}");

        assertThat(set.status()).as(set.body()).isEqualTo(204);
        assertThat(identity.createUserQuery().userId("devops1").singleResult().getEmail())
                .isEqualTo("devops-new@routing-ml.local");
    }
}
