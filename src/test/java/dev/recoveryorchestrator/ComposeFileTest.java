package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code docker-compose.yml} and the application's {@code application*.yaml} files and checks that what the
 * compose file hands the orchestrator nodes is what the application reads, so that a renamed property or profile
 * breaks this test instead of a deployment.
 */
class ComposeFileTest {

    private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final List<String> NODES = List.of("orchestrator-1", "orchestrator-2");
    /** The secrets outsiders set: required outside the demo, so compose must not supply a default. */
    private static final List<String> REQUIRED_SECRETS = List.of("RECOVERY_ADMIN_PASSWORD", "RECOVERY_INTAKE_TOKEN");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)");
    private static final int MAILPIT_DEFAULT_SMTP_PORT = 1025;

    private static Map<String, Object> services;
    /** File name (application.yaml, application-postgres.yaml, ...) to its flattened properties. */
    private static final Map<String, Map<String, Object>> configFiles = new LinkedHashMap<>();
    private static final Set<String> placeholders = new TreeSet<>();

    @BeforeAll
    static void readFiles() throws IOException {
        services = map(load(COMPOSE_FILE).get("services"), "services of " + COMPOSE_FILE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(RESOURCES, "application*.{yaml,yml}")) {
            for (Path file : files) {
                Map<String, Object> properties = new LinkedHashMap<>();
                flatten("", load(file), properties);
                configFiles.put(file.getFileName().toString(), properties);
                Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
                while (matcher.find()) {
                    placeholders.add(matcher.group(1));
                }
            }
        }
        assertThat(configFiles).as("application*.yaml under " + RESOURCES).containsKey("application.yaml");
    }

    @Test
    void everyActiveProfileOfTheNodesHasItsOwnConfigurationFile() {
        for (String node : NODES) {
            List<String> profiles = profiles(node);
            assertThat(profiles).as(node + " SPRING_PROFILES_ACTIVE").isNotEmpty();
            for (String profile : profiles) {
                assertThat(configFiles.keySet())
                        .as(node + " runs profile '" + profile + "'")
                        .containsAnyOf("application-" + profile + ".yaml", "application-" + profile + ".yml");
            }
        }
        assertThat(profiles("orchestrator-2")).as("both nodes run the same profiles")
                .isEqualTo(profiles("orchestrator-1"));
    }

    @Test
    void everyRecoveryAndSpringVariableOfTheNodesIsOneTheApplicationReads() {
        Set<String> relaxedNames = new TreeSet<>();
        configFiles.values().forEach(properties -> properties.keySet().forEach(p -> relaxedNames.add(envName(p))));
        for (String node : NODES) {
            for (String variable : environment(node).keySet()) {
                if (!variable.startsWith("RECOVERY_") && !variable.startsWith("SPRING_")
                        || variable.equals("SPRING_PROFILES_ACTIVE")) {
                    continue; // profiles are checked against the profile files above
                }
                assertThat(placeholders.contains(variable) || relaxedNames.contains(variable))
                        .as(node + " sets " + variable + ", but no application*.yaml has ${" + variable
                                + "} nor a property whose environment name it is")
                        .isTrue();
            }
        }
    }

    @Test
    void requiredSecretsReachBothNodesWithoutADefault() {
        for (String secret : REQUIRED_SECRETS) {
            assertThat(placeholders).as("the application reads ${" + secret + "}").contains(secret);
            for (String node : NODES) {
                assertThat(environment(node)).as(node + " environment").containsKey(secret);
                assertThat(environment(node).get(secret))
                        .as(node + " " + secret + " must be ${" + secret + ":?message}: compose then refuses to"
                                + " start without it instead of passing an empty or default value")
                        .matches("\\$\\{" + secret + ":\\?[^}]+}");
            }
        }
    }

    @Test
    void bothNodesUseTheDatabaseThePostgresServicePublishesOnTheHostsLoopback() {
        String postgres = serviceWithImage("postgres");
        Map<String, String> postgresEnvironment = environment(postgres);
        String url = withDefaults(environment("orchestrator-1").get("SPRING_DATASOURCE_URL"));
        assertThat(url).as("orchestrator-1 SPRING_DATASOURCE_URL").startsWith("jdbc:postgresql://");
        URI uri = URI.create(url.substring("jdbc:".length()));
        assertThat(uri.getHost()).as("the nodes share the host's network: the database is on its loopback")
                .isEqualTo("127.0.0.1");
        assertThat(publishedOnLoopback(postgres)).as(postgres + " ports").containsEntry(String.valueOf(uri.getPort()), "5432");
        assertThat(uri.getPath()).as("database of " + url)
                .isEqualTo("/" + postgresEnvironment.get("POSTGRES_DB"));
        for (String node : NODES) {
            Map<String, String> environment = environment(node);
            assertThat(withDefaults(environment.get("SPRING_DATASOURCE_URL"))).as(node + " SPRING_DATASOURCE_URL").isEqualTo(url);
            assertThat(environment.get("SPRING_DATASOURCE_USERNAME")).as(node + " SPRING_DATASOURCE_USERNAME")
                    .isEqualTo(postgresEnvironment.get("POSTGRES_USER"));
            assertThat(environment.get("SPRING_DATASOURCE_PASSWORD")).as(node + " SPRING_DATASOURCE_PASSWORD")
                    .isEqualTo(postgresEnvironment.get("POSTGRES_PASSWORD"));
            assertThat(dependencies(node)).as(node + " depends_on").containsEntry(postgres, "service_healthy");
        }
        assertThat(map(service(postgres).get("healthcheck"), postgres + " healthcheck").get("test").toString())
                .contains("pg_isready");
    }

    @Test
    void mailGoesToMailpitOnItsSmtpPortOnTheHostsLoopback() {
        String mailpit = serviceWithImage("axllent/mailpit");
        String bind = environment(mailpit).get("MP_SMTP_BIND_ADDR");
        String smtpPort = bind == null
                ? String.valueOf(MAILPIT_DEFAULT_SMTP_PORT)
                : bind.substring(bind.lastIndexOf(':') + 1);
        for (String node : NODES) {
            assertThat(environment(node).get("SPRING_MAIL_HOST")).as(node + " SPRING_MAIL_HOST").isEqualTo("127.0.0.1");
            assertThat(publishedOnLoopback(mailpit)).as(mailpit + " ports")
                    .containsEntry(environment(node).get("SPRING_MAIL_PORT"), smtpPort);
            assertThat(dependencies(node)).as(node + " depends_on").containsKey(mailpit);
        }
    }

    @Test
    void theNodesShareTheHostsNetworkAndProcessesSoEveryCheckSeesWhatTheRunbookMeans() {
        for (String node : NODES) {
            Map<String, Object> service = service(node);
            assertThat(service.get("network_mode")).as(node + " network_mode: 127.0.0.1 must be the host's").isEqualTo("host");
            assertThat(service.get("pid")).as(node + " pid: Type 4's port holders and stop steps see host processes")
                    .isEqualTo("host");
            assertThat(service).as(node + " publishes nothing on the host network").doesNotContainKey("ports");
            assertThat(String.valueOf(service.get("extra_hosts"))).doesNotContain("host.docker.internal");
            for (String variable : List.of("RECOVERY_TARGET_HEALTH_URL", "RECOVERY_TARGET_FRONTEND_URL")) {
                assertThat(URI.create(withDefaults(environment(node).get(variable))).getHost()).as(node + " " + variable)
                        .isEqualTo("127.0.0.1");
            }
            assertThat(withDefaults(environment(node).get("RECOVERY_TARGET_HOST"))).isNotEqualTo("host.docker.internal");
            assertThat(String.valueOf(list(service.get("cap_add"), node + " cap_add"))).as("the firewall steps").contains("NET_ADMIN");
        }
    }

    @Test
    void eachNodeListensOnItsOwnPortOfTheHostsLoopbackBehindTheProxy() {
        assertThat(String.valueOf(configFiles.get("application.yaml").get("server.port"))).isEqualTo("8080");
        Set<String> serverPorts = new LinkedHashSet<>();
        for (String node : NODES) {
            serverPorts.add(environment(node).get("SERVER_PORT"));
            assertThat(withDefaults(environment(node).get("SERVER_ADDRESS"))).as(node + " SERVER_ADDRESS")
                    .isEqualTo("127.0.0.1");
        }
        assertThat(serverPorts).as("the nodes' ports on the host network").containsExactly("8080", "8081");
    }

    @Test
    void nodeHealthchecksAskActuatorHealthOnTheirOwnPort() {
        for (String node : NODES) {
            Object test = map(service(node).get("healthcheck"), node + " healthcheck").get("test");
            assertThat(String.valueOf(test)).as(node + " healthcheck")
                    .containsPattern("https?://(localhost|127\\.0\\.0\\.1):" + environment(node).get("SERVER_PORT")
                            + "/actuator/health\\b");
        }
    }

    @Test
    void theDataBackupAndModelFoldersAreMountedWritableWhereTheDockerProfileNamesThem() {
        for (String node : NODES) {
            String workdir = withDefaults(environment(node).get("RECOVERY_TARGET_WORKDIR"));
            String database = String.valueOf(setting(node, "recovery.target.database-file"));
            Map<String, String> folders = new LinkedHashMap<>();
            folders.put("data", database.substring(0, database.lastIndexOf('/')));
            folders.put("backup", String.valueOf(setting(node, "recovery.target.backup-dir")));
            folders.put("models", String.valueOf(setting(node, "recovery.target.model-dir"))
                    .replace("${recovery.target.workdir}", workdir));
            folders.put("compose", String.valueOf(setting(node, "recovery.target.compose-dir"))
                    .replace("${recovery.target.workdir}", workdir));
            folders.forEach((what, folder) -> {
                assertThat(folder).as(node + " " + what + " folder").startsWith("/").doesNotContain("${");
                Mount mount = mountAt(node, folder);
                assertThat(mount.type()).as(node + " mount of " + folder).isEqualTo("bind");
                assertThat(mount.readOnly()).as(node + " writes " + what + " at " + folder).isFalse();
            });
        }
    }

    /** Each program the docker profile's actions call (the one after sudo -n or setsid too), by the package that has it. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(Map.entry("docker", "docker-ce-cli"),
            Map.entry("git", "git"), Map.entry("ss", "iproute2"), Map.entry("ip", "iproute2"),
            Map.entry("iptables", "iptables"), Map.entry("ufw", "ufw"), Map.entry("sudo", "sudo"),
            Map.entry("pgrep", "procps"), Map.entry("setsid", "util-linux"), Map.entry("curl", "curl"));

    @Test
    void everyProgramTheDockerProfilesActionsCallIsInstalledInTheImage() throws IOException {
        String runtime = runtimeStage();
        Set<String> programs = new TreeSet<>();
        for (String file : List.of("application.yaml", "application-docker.yaml")) {
            configFiles.get(file).forEach((key, value) -> {
                java.util.regex.Matcher argument = Pattern.compile("recovery\\.actions\\.[^.]+\\.steps\\[\\d+]\\.command\\[(\\d+)]")
                        .matcher(key);
                if (argument.matches() && !String.valueOf(value).startsWith("${java.home}")) {
                    int index = Integer.parseInt(argument.group(1));
                    String stem = key.substring(0, key.lastIndexOf('['));
                    String first = String.valueOf(configFiles.get(file).get(stem + "[0]"));
                    String second = String.valueOf(configFiles.get(file).get(stem + "[1]"));
                    boolean wrapped = index == 1 && first.equals("setsid")
                            || index == 2 && first.equals("sudo") && second.equals("-n");
                    if (index == 0 || wrapped) {
                        programs.add(String.valueOf(value));
                    }
                }
            });
        }
        assertThat(programs).as("programs of the docker profile").contains("docker", "git", "ss", "ip", "iptables", "ufw",
                "sudo");
        for (String program : programs) {
            if (List.of("tail", "pgrep").contains(program) && runtime.contains("procps") || program.equals("tail")) {
                continue; // coreutils: in every base image
            }
            assertThat(PACKAGES).as("the package of " + program + " (add it here and to the Dockerfile)").containsKey(program);
            assertThat(runtime).as("the runtime stage installs " + PACKAGES.get(program) + " for " + program)
                    .containsPattern("apt-get install[^;]*\\s" + Pattern.quote(PACKAGES.get(program)) + "(\\s|;|\\\\)");
        }
    }

    @Test
    void theImageBuildsTheJarItselfSoUpBuildWorksFromACleanClone() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        List<String> stages = Pattern.compile("(?m)^FROM .*$").matcher(dockerfile).results().map(r -> r.group()).toList();
        assertThat(stages).as("a build stage and a runtime stage").hasSize(2);
        assertThat(stages.get(0)).contains("maven").contains(" AS build");
        assertThat(dockerfile).containsPattern("RUN mvn [^\\n]*package")
                .contains("COPY --from=build /src/target/recovery-orchestrator.jar /app/recovery-orchestrator.jar")
                .doesNotContain("COPY target/");
        String ignore = Files.readString(Path.of(".dockerignore"));
        for (String needed : List.of("pom.xml", "bpmn/", "src/main/", "deploy/sudoers/")) {
            assertThat(ignore).as(".dockerignore lets " + needed + " into the build context").contains("!" + needed);
            assertThat(Path.of(needed.replaceAll("/$", ""))).exists();
        }
        assertThat(String.valueOf(map(service("orchestrator-1").get("build"), "build").get("context"))).isEqualTo(".");
    }

    @Test
    void theSudoRulesTheImageCarriesAllowExactlyTheFirewallCommandsTheActionsRunWithSudo() throws IOException {
        String sudoers = Files.readString(Path.of("deploy/sudoers/recovery-orchestrator"));
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("deploy/sudoers/recovery-orchestrator /etc/sudoers.d/");
        for (String file : List.of("application-docker.yaml", "application-local.yaml")) {
            Map<String, Object> properties = configFiles.get(file);
            properties.forEach((key, value) -> {
                if (key.matches("recovery\\.actions\\.[^.]+\\.steps\\[\\d+]\\.command") && value instanceof List<?> command
                        && !command.isEmpty() && "sudo".equals(command.get(0))) {
                    assertThat(command.get(1)).as(key + ": never asks for a password").isEqualTo("-n");
                    String line = "/usr/sbin/" + command.subList(2, command.size()).stream().map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(" "));
                    assertThat(sudoers).as(file + " " + key + " has its sudoers rule").contains(line);
                }
            });
        }
        assertThat(sudoers).doesNotContain("ALL=(ALL)").doesNotContain("NOPASSWD: ALL");
    }

    @Test
    void theSecondNodeStartsOnlyOnceTheFirstIsHealthy() {
        assertThat(dependencies("orchestrator-2")).as("orchestrator-2 depends_on")
                .containsEntry("orchestrator-1", "service_healthy");
        assertThat(dependencies("orchestrator-1")).as("orchestrator-1 depends_on")
                .doesNotContainKey("orchestrator-2");
    }

    @Test
    void dockerProfileNodesReachTheHostEngineAndTheWorkspaceAtItsOwnPath() {
        for (String node : NODES) {
            if (!profiles(node).contains("docker")) {
                continue;
            }
            List<String> volumes = new ArrayList<>();
            list(service(node).get("volumes"), node + " volumes").forEach(v -> volumes.add(String.valueOf(v)));
            assertThat(volumes).as(node + " volumes").contains("/var/run/docker.sock:/var/run/docker.sock");
            String workdir = environment(node).get("RECOVERY_TARGET_WORKDIR");
            assertThat(workdir).as(node + " RECOVERY_TARGET_WORKDIR").isNotBlank();
            assertThat(volumes).as(node + " mounts the workspace at the same path (compose resolves paths there)")
                    .contains(workdir + ":" + workdir);
        }
    }

    @Test
    void theTargetLogFolderIsMountedReadOnlyWhereTheNodesReadTheLog() {
        for (String node : NODES) {
            String logFile = String.valueOf(setting(node, "recovery.target.log-file"));
            assertThat(logFile).as(node + " recovery.target.log-file").startsWith("/");
            String folder = logFile.substring(0, logFile.lastIndexOf('/'));
            Mount mount = mountAt(node, folder);
            assertThat(mount.type()).as(node + " mount of " + folder).isEqualTo("bind");
            assertThat(mount.readOnly()).as(node + " mounts the target's log folder " + folder + " read-only").isTrue();
        }
        assertThat(mountAt("orchestrator-2", "/var/log/routing-ml").source()).as("both nodes read the same log folder")
                .isEqualTo(mountAt("orchestrator-1", "/var/log/routing-ml").source());
    }

    @Test
    void logSnapshotsGoToANamedVolumeBothNodesShare() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Set<String> volumes = new TreeSet<>();
        for (String node : NODES) {
            String snapshotDir = String.valueOf(setting(node, "recovery.lifecycle.snapshot-dir"));
            Mount mount = mountAt(node, snapshotDir);
            assertThat(mount.type()).as(node + " mount of the snapshot folder " + snapshotDir).isEqualTo("volume");
            assertThat(mount.readOnly()).as(node + " writes snapshots to " + snapshotDir).isFalse();
            assertThat(topLevelVolumes()).as("volumes declared in " + COMPOSE_FILE).containsKey(mount.source());
            assertThat(dockerfile).as("the Dockerfile creates " + snapshotDir + " (a new volume takes its owner; "
                    + "otherwise it belongs to root and the non-root application cannot write there)")
                    .containsPattern("mkdir -p [^;\\n]*" + Pattern.quote(snapshotDir) + "\\b");
            volumes.add(mount.source());
        }
        assertThat(volumes).as("snapshot volumes of the nodes").hasSize(1);
    }

    @Test
    void postIncidentReportsGoToANamedVolumeBothNodesShare() {
        Set<String> volumes = new TreeSet<>();
        for (String node : NODES) {
            String reportsDir = String.valueOf(setting(node, "recovery.reports-dir"));
            Mount mount = mountAt(node, reportsDir);
            assertThat(mount.type()).as(node + " mount of the reports folder " + reportsDir).isEqualTo("volume");
            assertThat(mount.readOnly()).isFalse();
            assertThat(topLevelVolumes()).containsKey(mount.source());
            volumes.add(mount.source());
        }
        assertThat(volumes).as("report volumes of the nodes").hasSize(1);
    }

    // --- compose file ---

    /** A compose value with each ${X:-default} or ${X:?message} replaced by its default (empty for a required one). */
    private static String withDefaults(String value) {
        return value == null ? null : value.replaceAll("\\$\\{[A-Za-z0-9_]+:-([^}]*)}", "$1")
                .replaceAll("\\$\\{[A-Za-z0-9_]+(:\\?[^}]*)?}", "");
    }

    /** A service's ports published on the host's loopback only, host port to container port. */
    private static Map<String, String> publishedOnLoopback(String service) {
        Map<String, String> published = new LinkedHashMap<>();
        for (Object port : list(service(service).get("ports"), service + " ports")) {
            String[] parts = withDefaults(String.valueOf(port)).split(":");
            assertThat(parts).as(service + " publishes " + port + " on 127.0.0.1 only").hasSize(3);
            assertThat(parts[0]).as(service + " " + port).isEqualTo("127.0.0.1");
            published.put(parts[1], parts[2]);
        }
        return published;
    }

    /** The Dockerfile's last stage (the runtime image). */
    private static String runtimeStage() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        return dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    }

    /** A service's mount whose target is {@code folder} or holds it. */
    private static Mount mountAt(String node, String folder) {
        return mounts(node).stream()
                .filter(m -> folder.equals(withDefaults(m.target())) || folder.startsWith(withDefaults(m.target()) + "/"))
                .max(java.util.Comparator.comparingInt(m -> m.target().length()))
                .orElseThrow(() -> new AssertionError(node + " mounts nothing at " + folder + ": " + mounts(node)));
    }

    /** Volumes in either syntax: short ({@code source:target[:ro]}, with ${...} kept whole) or long (a map). */
    private static List<Mount> mounts(String node) {
        List<Mount> mounts = new ArrayList<>();
        for (Object volume : list(service(node).get("volumes"), node + " volumes")) {
            if (volume instanceof Map<?, ?> longSyntax) {
                mounts.add(new Mount(String.valueOf(longSyntax.get("type")), String.valueOf(longSyntax.get("source")),
                        String.valueOf(longSyntax.get("target")), Boolean.TRUE.equals(longSyntax.get("read_only"))));
                continue;
            }
            List<String> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            int depth = 0;
            for (char c : String.valueOf(volume).toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (c == ':' && depth == 0) {
                    parts.add(part.toString());
                    part.setLength(0);
                } else {
                    part.append(c);
                }
            }
            parts.add(part.toString());
            String source = parts.get(0);
            boolean named = parts.size() > 1 && !source.startsWith("/") && !source.startsWith(".") && !source.startsWith("$");
            mounts.add(new Mount(named ? "volume" : "bind", source, parts.size() > 1 ? parts.get(1) : source,
                    parts.size() > 2 && List.of(parts.get(2).split(",")).contains("ro")));
        }
        return mounts;
    }

    private static Map<String, Object> topLevelVolumes() {
        try {
            Object volumes = load(COMPOSE_FILE).get("volumes");
            return volumes == null ? Map.of() : map(volumes, "volumes of " + COMPOSE_FILE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Mount(String type, String source, String target, boolean readOnly) {
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).as("services in " + COMPOSE_FILE).containsKey(name);
        return map(services.get(name), "service " + name);
    }

    private static String serviceWithImage(String image) {
        return services.entrySet().stream()
                .filter(e -> String.valueOf(map(e.getValue(), e.getKey()).get("image")).matches(
                        Pattern.quote(image) + "([:@].*)?"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service with image " + image + " in " + COMPOSE_FILE));
    }

    /** A service's environment, in either of compose's two forms (map or list of NAME=value). */
    private static Map<String, String> environment(String serviceName) {
        Object environment = service(serviceName).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                result.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
        }
        return result;
    }

    private static List<String> profiles(String node) {
        String active = environment(node).get("SPRING_PROFILES_ACTIVE");
        assertThat(active).as(node + " SPRING_PROFILES_ACTIVE").isNotBlank();
        return List.of(active.trim().split("\\s*,\\s*"));
    }

    /** depends_on as service name to condition, in either form (list of names means service_started). */
    private static Map<String, String> dependencies(String node) {
        Object dependsOn = service(node).get("depends_on");
        Map<String, String> result = new LinkedHashMap<>();
        if (dependsOn instanceof Map<?, ?> entries) {
            entries.forEach((name, options) -> {
                Object condition = options instanceof Map<?, ?> m ? m.get("condition") : null;
                result.put(String.valueOf(name), condition == null ? "service_started" : String.valueOf(condition));
            });
        } else if (dependsOn instanceof List<?> names) {
            names.forEach(name -> result.put(String.valueOf(name), "service_started"));
        }
        return result;
    }

    // --- application configuration ---

    /** A property as the node sees it: its environment variable when compose sets one, else {@link #resolved}. */
    private static Object setting(String node, String property) {
        String variable = environment(node).get(envName(property));
        return variable != null ? variable : resolved(node, property);
    }

    /** A property as Spring would see it with the node's profiles (later profiles win), placeholders unresolved. */
    private static Object resolved(String node, String property) {
        Object value = configFiles.get("application.yaml").get(property);
        for (String profile : profiles(node)) {
            Map<String, Object> properties = configFiles.get("application-" + profile + ".yaml");
            if (properties != null && properties.containsKey(property)) {
                value = properties.get(property);
            }
        }
        return value;
    }

    /** Spring Boot's environment-variable form of a property: spring.mail.host → SPRING_MAIL_HOST. */
    static String envName(String property) {
        return property.replace("[", ".").replace("]", "").replace("-", "").replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }

    /** Dotted property names; lists appear both whole (x.ports) and by index (x.ports[0]). */
    private static void flatten(String prefix, Object node, Map<String, Object> into) {
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else if (node instanceof List<?> items) {
            into.put(prefix, items);
            for (int i = 0; i < items.size(); i++) {
                flatten(prefix + "[" + i + "]", items.get(i), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix, node);
        }
    }

    /** Later documents of a file add to the earlier ones key by key, as Spring reads them, rather than replace a whole map. */
    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map<?, ?> inner && into.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                deepMerge(copy, (Map<String, Object>) inner);
                into.put(key, copy);
            } else {
                into.put(key, value);
            }
        });
    }

    private static Map<String, Object> load(Path file) throws IOException {
        assertThat(file).as(file + " (run from the project folder)").isRegularFile();
        Map<String, Object> merged = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    deepMerge(merged, map(document, file.toString()));
                }
            }
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(List.class);
        return (List<?>) value;
    }
}
