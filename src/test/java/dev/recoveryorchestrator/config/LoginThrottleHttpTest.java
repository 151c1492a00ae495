package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.config.LoopbackClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stranger who can reach the port must not lock a responder out. Each test is a stranger at one loopback address
 * guessing a user's password 50 times, and the user at another loopback address: the stranger gets 401 for the
 * first {@code max-failures} guesses and 429 with {@code Retry-After} after that, without another password check,
 * and the user still logs in with the right password, through each way in that checks passwords (HTTP Basic on
 * {@code /api} and {@code /engine-rest}, the webapps' login form). Each test has its own user and addresses.
 */
class LoginThrottleHttpTest extends EngineTestSupport {

    private static final int GUESSES = 50;
    private static final String PASSWORD = "right-password";

    @Autowired
    private IdentityService identity;
    @Autowired
    private LoginThrottleSettings settings;

    @Autowired
    private AuthorizationService authorizations;

    private final List<String> users = new ArrayList<>();
    private final List<String> authorizationIds = new ArrayList<>();

    @AfterEach
    void deleteUsers() {
        authorizationIds.forEach(authorizations::deleteAuthorization);
        users.forEach(identity::deleteUser);
    }

    @Test
    void fiftyWrongPasswordsOnTheApiFromOneClientLeaveTheRightPasswordWorkingFromAnother() {
        String user = responder("throttleapi");
        LoopbackClient stranger = LoopbackClient.from("127.0.0.21", port);

        assertGuessesAreThrottled(guess -> stranger.as(user, guess).get("/api/incidents"));
        assertThat(attemptsOf(user)).as("only the unthrottled guesses reached a password check")
                .isEqualTo(settings.maxFailures());
        assertThat(stranger.as(user, PASSWORD).get("/api/incidents").status())
                .as("even the right password is not checked for the stranger's address").isEqualTo(429);

        Reply responder = LoopbackClient.from("127.0.0.22", port).as(user, PASSWORD).get("/api/incidents");
        assertThat(responder.status()).as(responder.body()).isEqualTo(200);
    }

    @Test
    void fiftyWrongPasswordsOnTheEngineRestApiFromOneClientLeaveTheRightPasswordWorkingFromAnother() {
        String user = responder("throttlerest");
        LoopbackClient stranger = LoopbackClient.from("127.0.0.23", port);

        assertGuessesAreThrottled(guess -> stranger.as(user, guess).get("/engine-rest/task/count"));
        assertThat(attemptsOf(user)).isEqualTo(settings.maxFailures());

        Reply responder = LoopbackClient.from("127.0.0.24", port).as(user, PASSWORD).get("/engine-rest/task/count");
        assertThat(responder.status()).as(responder.body()).isEqualTo(200);
        assertThat(responder.json().get("count").isNumber()).isTrue();
    }

    @Test
    void fiftyWrongPasswordsOnTheWebappLoginFromOneClientLeaveTheRightPasswordWorkingFromAnother() {
        String user = responder("throttlewebapp");
        LoopbackClient stranger = LoopbackClient.from("127.0.0.25", port);

        assertGuessesAreThrottled(guess -> stranger.loginToWebapp("tasklist", user, guess));
        assertThat(attemptsOf(user)).isEqualTo(settings.maxFailures());

        LoopbackClient responder = LoopbackClient.from("127.0.0.26", port);
        Reply login = responder.loginToWebapp("tasklist", user, PASSWORD);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("userId").asText()).isEqualTo(user);
        Reply session = responder.get("/camunda/api/admin/auth/user/default");
        assertThat(session.json().get("userId").asText()).as("the session is logged in").isEqualTo(user);
    }

    @Test
    void theSameClientMayTryAgainOnceItsFailuresHaveLeftTheWindow() {
        String user = responder("throttlewindow");
        LoopbackClient client = LoopbackClient.from("127.0.0.27", port);
        for (int i = 0; i < settings.maxFailures(); i++) {
            assertThat(client.as(user, "wrong-" + i).get("/engine-rest/task/count").status()).isEqualTo(401);
        }
        Reply throttled = client.as(user, PASSWORD).get("/engine-rest/task/count");
        assertThat(throttled.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));

        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofSeconds(retryAfter).toMillis()));

        Reply again = client.as(user, PASSWORD).get("/engine-rest/task/count");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
    }

    @Test
    void guessesThroughIdentityVerifyByALoggedInUserAreCountedToo() {
        String victim = responder("throttlevictim");
        String insider = responder("throttleinsider");
        Authorization readUsers = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        readUsers.setUserId(insider);
        readUsers.setResource(Resources.USER);
        readUsers.setResourceId(Authorization.ANY);
        readUsers.addPermission(Permissions.READ);
        authorizationIds.add(authorizations.saveAuthorization(readUsers).getId());
        LoopbackClient client = LoopbackClient.from("127.0.0.28", port).as(insider, PASSWORD);

        for (int i = 0; i < settings.maxFailures(); i++) {
            Reply verified = client.post("/engine-rest/identity/verify",
                    "{\"username\":\"" + victim + "\",\"password\":\"wrong-" + i + "\"}");
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            assertThat(verified.json().get("authenticated").asBoolean()).isFalse();
        }
        Reply throttled = client.post("/engine-rest/identity/verify",
                "{\"username\":\"" + victim + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(attemptsOf(victim)).isEqualTo(settings.maxFailures());

        Reply victimLogsIn = LoopbackClient.from("127.0.0.29", port).as(victim, PASSWORD).get("/api/incidents");
        assertThat(victimLogsIn.status()).isEqualTo(200);
    }

    @Test
    void requestsWithoutCredentialsAreNeitherCountedNorThrottled() {
        LoopbackClient anonymous = LoopbackClient.from("127.0.0.30", port);
        for (int i = 0; i < GUESSES; i++) {
            assertThat(anonymous.get("/api/incidents").status()).isEqualTo(401);
        }
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        Reply loginPage = anonymous.get("/camunda/app/tasklist/default/");
        assertThat(loginPage.status()).isEqualTo(200);
    }

    /** The stranger's {@value #GUESSES} wrong passwords: 401 for the first max-failures, then 429 with Retry-After. */
    private void assertGuessesAreThrottled(Function<String, Reply> guess) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < GUESSES; i++) {
            Reply reply = guess.apply("wrong-" + i);
            statuses.add(reply.status());
            if (reply.status() == 429) {
                assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, settings.window().toSeconds());
                assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
                assertThat(reply.json().get("status").asInt()).isEqualTo(429);
            }
        }
        assertThat(statuses.subList(0, settings.maxFailures())).containsOnly(401);
        assertThat(statuses.subList(settings.maxFailures(), GUESSES)).containsOnly(429);
    }

    /** A user of the DevOps group (Tasklist access) with {@link #PASSWORD}, made for this test. */
    private String responder(String id) {
        User user = identity.newUser(id);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, "devops");
        users.add(id);
        return id;
    }

    /** The engine's count of failed password checks for {@code user} since its last success. */
    private int attemptsOf(String user) {
        return ((UserEntity) identity.createUserQuery().userId(user).singleResult()).getAttempts();
    }
}
