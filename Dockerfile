# The Recovery Orchestrator's image, built from the sources: `docker compose up --build` works from a clean clone.
#   docker build -t recovery-orchestrator:local .     (or: docker compose build)
# Stage 1 builds the jar with Maven (tests are the CI's job: .ci/run); stage 2 is the runtime with every program the
# configured actions call (application*.yaml). docs/operations.md, "Deploy with docker compose", walks through it.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The dependencies first, in a layer of their own, so that a change of the sources does not fetch them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY bpmn bpmn
COPY src src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre

# What the runbooks' actions call, each from the package that has it:
#   git (rollback, last-known-good rebuild), iproute2 (ss: Type 4's port holders; ip: Type 3's routes),
#   iptables and ufw (Type 3's firewall checks and its approved opening of the service ports, through sudo),
#   procps (pgrep), util-linux (setsid), sudo (the narrow rules of deploy/sudoers/recovery-orchestrator only),
#   curl (the compose healthcheck; fetching Docker's key), and Docker's CLI with the compose and buildx plugins from
#   Docker's own apt repository (Ubuntu's docker.io would bring a whole engine).
# safe.directory: the mounted workspace belongs to a host user, and git refuses to work in a repository owned by
# someone else ("dubious ownership").
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates curl git \
        iproute2 iptables ufw procps util-linux sudo; \
    install -m 0755 -d /etc/apt/keyrings; \
    curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc; \
    chmod a+r /etc/apt/keyrings/docker.asc; \
    echo "deb [arch=$(dpkg --print-architecture) signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu $(. /etc/os-release && echo "$VERSION_CODENAME") stable" \
        > /etc/apt/sources.list.d/docker.list; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        docker-ce-cli docker-compose-plugin docker-buildx-plugin; \
    rm -rf /var/lib/apt/lists/*; \
    git config --system --add safe.directory '*'

# A non-root user, the same name as on a systemd host (recovery-orchestrator). Group 0 owns /app (writable by the
# group) so that the container also runs under another uid, e.g. one allowed to write the Routing ML workspace
# (docker-compose.yml: RECOVERY_UID). /app/data/snapshots is the mount point of docker-compose.yml's
# incident-snapshots volume: a new volume takes this folder's owner and mode.
# Caveat: /var/run/docker.sock is root:docker on the host and the docker group's GID differs per host, so the
# container needs that GID as a supplementary group (docker-compose.yml: group_add DOCKER_GID) or the docker
# actions fail with "permission denied". Whoever can use that socket is root on the host anyway.
RUN useradd --system --uid 10001 --gid 0 --home-dir /app --no-create-home --shell /usr/sbin/nologin recovery-orchestrator; \
    mkdir -p /app/data/snapshots /app/data/incident_reports /app/data/work; \
    chown -R 10001:0 /app; \
    chmod -R g=u /app
# The firewall steps' exact commands, nothing else (the same file as on a systemd host).
COPY --chmod=0440 deploy/sudoers/recovery-orchestrator /etc/sudoers.d/recovery-orchestrator
ENV HOME=/app
WORKDIR /app

# Owned by root: the application reads its jar, it never rewrites it.
COPY --from=build /src/target/recovery-orchestrator.jar /app/recovery-orchestrator.jar

USER 10001:0
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/recovery-orchestrator.jar"]
