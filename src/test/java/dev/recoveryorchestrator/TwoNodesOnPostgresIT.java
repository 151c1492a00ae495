package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.incident.IncidentService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The production profile on a real PostgreSQL, with two application nodes on one database as docker-compose runs
 * them: both start and deploy, the one-open-incident rule holds when requests race over both nodes, and what one
 * node opens the other shows. Node 1 starts before node 2, because two nodes creating the schema at the same
 * moment on an empty database collide (one fails on a duplicate key). Job executors are off, so nothing runs behind the test's back.
 *
 * <p>Both nodes live in this JVM, which production never does, and Camunda keeps its engine registry
 * ({@code ProcessEngines}, where the REST API and the webapps look engines up) in a static: with both engines named
 * {@code default}, node 2 would replace node 1 in it and node 1's {@code /engine-rest} would serve node 2's engine.
 * So each node gets its own name ({@code node1}, {@code node2}: the starter ignores a name with a hyphen); on these
 * nodes {@code /engine-rest} is reached as {@code /engine-rest/engine/node1/…}, the webapps as
 * {@code /camunda/app/cockpit/node1/}. Closing a node also empties the webapps' JVM-wide runtime delegates, which is
 * why this is an {@code *IT} run by Failsafe in a JVM of its own (see pom.xml).
 */
class TwoNodesOnPostgresIT {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final String ADMIN_PASSWORD = "two-nodes-admin-secret";
    private static final String OPEN_BACKEND_DOWN =
            "{\"type\":\"backend-api-down\",\"scope\":\"whole\",\"summary\":\"/api/health 응답 없음\",\"source\":\"manual\"}";
    private static final int CONCURRENT_REQUESTS = 8;

    @TempDir
    static Path work;

    static ConfigurableApplicationContext node1;
    static ConfigurableApplicationContext node2;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void startNodeOneThenNodeTwo() {
        jdbc = new JdbcTemplate(postgres.dataSource());
        int closedPort = TestEnvironment.freePort();
        node1 = start("node1", closedPort);
        node2 = start("node2", closedPort);
    }

    @AfterAll
    static void stopBothNodes() {
        try {
            if (node2 != null) {
                node2.close();
            }
        } finally {
            if (node1 != null) {
                node1.close();
            }
        }
    }

    @AfterEach
    void closeWhatTheTestOpened() {
        RuntimeService runtime = engine(node1).getRuntimeService();
        List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
                .map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            // As an operator cancelling in Cockpit: the incidents follow their lifecycles (LifecycleEndWatcher).
            runtime.deleteProcessInstances(running, "test cleanup", true, false);
        }
    }

    @Test
    void bothNodesStartOnPostgresAndSeeTheDeployedModels() {
        for (ConfigurableApplicationContext node : List.of(node1, node2)) {
            ProcessEngine engine = engine(node);
            assertThat(engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list())
                    .extracting(ProcessDefinition::getKey)
                    .contains(IncidentService.LIFECYCLE_PROCESS, "runbook-backend-api-down", "notification-mail");
            TestHttp http = admin(node);
            Response count = http.get("/engine-rest/engine/" + engine.getName() + "/process-definition/count");
            assertThat(count.status()).as(count.body()).isEqualTo(200);
            assertThat(count.json().get("count").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(http.get("/camunda/app/cockpit/" + engine.getName() + "/").status()).isEqualTo(200);
            assertThat(TestHttp.on(port(node)).get("/actuator/health").body()).contains("\"status\":\"UP\"");
        }
        assertThat(engine(node1).getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(IncidentService.LIFECYCLE_PROCESS).count())
                .as("node 2 deploys the same models again; duplicate filtering keeps one version").isOne();
        assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = ?",
                String.class, postgres.schema())).contains("ro_schema_history", "ro_incident", "act_re_procdef");
        assertThat(jdbc.queryForList("select id_ from act_ru_filter where name_ = ?", String.class, "내 그룹 작업"))
                .as("both nodes ran the identity set-up; one Tasklist filter, under its fixed id")
                .containsExactly("recovery-group-tasks");
    }

    @RepeatedTest(3)
    void concurrentOpensOverBothNodesOpenExactlyOneIncident() throws Exception {
        List<Response> responses = postConcurrently(List.of(admin(node1), admin(node2)));

        assertThat(responses).extracting(Response::status).as(bodies(responses)).containsOnly(201, 200);
        assertThat(responses).filteredOn(r -> r.status() == 201).as(bodies(responses)).hasSize(1);
        String id = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().get("id").asText();
        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(CONCURRENT_REQUESTS - 1).allSatisfy(r -> {
            assertThat(r.json().get("deduplicated").asBoolean()).isTrue();
            assertThat(r.json().get("id").asText()).isEqualTo(id);
        });
        assertThat(jdbc.queryForList("select id from ro_incident where state = 'OPEN'", String.class)).containsExactly(id);
        List<String> lifecycles = engine(node2).getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(IncidentService.LIFECYCLE_PROCESS).list().stream()
                .map(ProcessInstance::getId).toList();
        assertThat(lifecycles).hasSize(1);
        assertThat(jdbc.queryForObject("select process_instance_id from ro_incident where id = ?", String.class, id))
                .isEqualTo(lifecycles.get(0));
    }

    @Test
    void anIncidentOpenedThroughNodeOneIsShownByNodeTwo() {
        Response opened = admin(node1).post("/api/incidents", OPEN_BACKEND_DOWN);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().get("id").asText();

        Response read = admin(node2).get("/api/incidents/" + id);

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode incident = read.json();
        assertThat(incident.get("state").asText()).isEqualTo("OPEN");
        assertThat(incident.get("type").asText()).isEqualTo("backend-api-down");
        assertThat(incident.get("openedBy").asText()).isEqualTo("admin");
        assertThat(incident.get("processInstanceId").asText()).isEqualTo(opened.json().get("processInstanceId").asText());
        assertThat(admin(node2).get("/api/incidents?state=open").json().findValuesAsText("id")).containsExactly(id);
        assertThat(TestHttp.on(port(node2)).get("/api/incidents/" + id).status())
                .as("node 2 asks for a login as well").isEqualTo(401);
    }

    /** Sends the same open request from every thread at once, alternating between the nodes. */
    private static List<Response> postConcurrently(List<TestHttp> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_REQUESTS);
        try {
            CountDownLatch ready = new CountDownLatch(CONCURRENT_REQUESTS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                TestHttp node = nodes.get(i % nodes.size());
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return node.post("/api/incidents", OPEN_BACKEND_DOWN);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One node as an operator starts it: the profiles docker-compose sets ({@code postgres,docker}; the docker profile
     * defines the actions the runbooks call, which production needs, and nothing runs them here), with what it sets as
     * environment variables given as command-line arguments. Those outrank application*.yaml; the builder's
     * {@code properties(..)} (default properties, the lowest rank) would lose to the profile's
     * {@code server.address: 0.0.0.0} and {@code spring.datasource.url: ${SPRING_DATASOURCE_URL}}.
     */
    private static ConfigurableApplicationContext start(String name, int closedPort) {
        Path home = work.resolve(name);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", String.valueOf(TestMail.port()));
        properties.put("camunda.bpm.process-engine-name", name);
        properties.put("camunda.bpm.admin-user.password", ADMIN_PASSWORD);
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.put("recovery.intake.token", "two-nodes-intake-token");
        properties.put("recovery.monitor.enabled", "false");
        // a production start refuses a rollback with no commit (config/CommandArgumentsGuard)
        properties.put("recovery.target.stable-commit", "0123456789abcdef0123456789abcdef01234567");
        properties.put("recovery.target.health-url", "http://127.0.0.1:" + closedPort + "/api/health");
        properties.put("recovery.target.frontend-url", "http://127.0.0.1:" + closedPort + "/");
        properties.put("recovery.target.log-file", home.resolve("backend.log").toString());
        properties.put("recovery.standin.dir", home.resolve("standin").toString());
        properties.put("recovery.lifecycle.snapshot-dir", home.resolve("snapshots").toString());
        properties.put("recovery.reports-dir", home.resolve("incident_reports").toString());
        properties.put("spring.main.banner-mode", "off");
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RecoveryOrchestratorApplication.class)
                .main(RecoveryOrchestratorApplication.class)
                .profiles("postgres", "docker")
                .run(arguments);
    }

    private static ProcessEngine engine(ConfigurableApplicationContext node) {
        return node.getBean(ProcessEngine.class);
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static TestHttp admin(ConfigurableApplicationContext node) {
        return TestHttp.on(port(node)).as("admin", ADMIN_PASSWORD);
    }

    private static String bodies(List<Response> responses) {
        return responses.stream().map(r -> r.status() + " " + r.body()).toList().toString();
    }
}
