# Runtime image of the Recovery Orchestrator. Build the jar first, then the image:
#   mvn -B package -DskipTests        # writes target/recovery-orchestrator.jar
#   docker build -t recovery-orchestrator:local .     (or: docker compose build)
FROM eclipse-temurin:17-jre

# The docker profile's actions (application-docker.yaml) run `docker compose ...` against the host's engine and
# `git checkout` in the Routing ML workspace, so the image carries git and the Docker CLI with the compose plugin
# (and buildx, which `docker compose up --build` of the rollback uses), from Docker's own apt repository: Ubuntu's
# docker.io would bring a whole engine. curl serves the compose healthcheck and fetching Docker's key.
# safe.directory: the mounted workspace belongs to a host user, and git refuses to work in a repository owned by
# someone else ("dubious ownership").
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates curl git; \
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

# A non-root user. Group 0 owns /app (writable by the group) so that the container also runs under another uid,
# e.g. one allowed to write the Routing ML workspace (docker-compose.yml: RECOVERY_UID). /app/data/snapshots is the
# mount point of docker-compose.yml's incident-snapshots volume: a new volume takes this folder's owner and mode.
# Caveat: /var/run/docker.sock is root:docker on the host and the docker group's GID differs per host, so the
# container needs that GID as a supplementary group (docker-compose.yml: group_add DOCKER_GID) or the docker
# actions fail with "permission denied". Whoever can use that socket is root on the host anyway.
RUN useradd --system --uid 10001 --gid 0 --home-dir /app --no-create-home --shell /usr/sbin/nologin recovery; \
    mkdir -p /app/data/snapshots /app/data/incident_reports; \
    chown -R 10001:0 /app; \
    chmod -R g=u /app
ENV HOME=/app
WORKDIR /app

# Owned by root: the application reads its jar, it never rewrites it.
COPY target/recovery-orchestrator.jar /app/recovery-orchestrator.jar

USER 10001:0
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/recovery-orchestrator.jar"]
