# syntax=docker/dockerfile:1
# drwatch daemon image.
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION="$(git rev-parse HEAD)" -t drwatch .
#   docker run --read-only --tmpfs /tmp -p 9464:9464 -v drwatch-state:/var/lib/drwatch \
#     -v "$PWD/drwatch.yaml:/etc/drwatch/drwatch.yaml:ro" drwatch
# The config must bind the HTTP server to 0.0.0.0 for the published port to be reachable.
# Read-only root: drwatch writes only to /var/lib/drwatch (state.dir, the journal) and /tmp (Vert.x
# unpacks its file cache under java.io.tmpdir at start and refuses to start without it). /tmp is
# not a VOLUME: an anonymous volume outlives the container and piles up; give it --tmpfs /tmp (the
# Helm chart mounts an emptyDir).

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
# The cache mount keeps ~/.m2 between builds without baking it into a layer.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

FROM eclipse-temurin:17.0.17_10-jre-noble
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="drwatch" \
      org.opencontainers.image.description="Watches multi-region replication, measures RPO/RTO, and fails over on quorum." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17.0.17_10-jre-noble"
RUN groupadd --gid 10001 drwatch \
 && useradd --uid 10001 --gid drwatch --home-dir /var/lib/drwatch --no-create-home \
      --shell /usr/sbin/nologin drwatch \
 && mkdir -p /opt/drwatch /etc/drwatch /var/lib/drwatch \
 && chown drwatch:drwatch /var/lib/drwatch
COPY --from=build /src/target/drwatch.jar /opt/drwatch/drwatch.jar
# The SBOM of what the jar contains (CycloneDX), where image scanners look for it.
COPY --from=build /src/target/bom.json /opt/drwatch/drwatch.cdx.json

# Numeric ids, so that runtimes which enforce runAsNonRoot can verify them without /etc/passwd.
USER 10001:10001
WORKDIR /var/lib/drwatch
VOLUME ["/var/lib/drwatch"]
EXPOSE 9464
# `drwatch health` asks GET /healthz on 127.0.0.1:9464 and exits 0/1: no curl in the image. A
# small client JVM (C1 only, serial GC, 64 MB) keeps the check cheap; JDK_JAVA_OPTIONS still apply.
# No --start-period: dockerfilelint 1.8.0 rejects it, and the first check only runs after one
# interval (30 s), long after the JVM is up (about 2 s).
HEALTHCHECK --interval=30s --timeout=10s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-jar", "/opt/drwatch/drwatch.jar", "health"]
ENTRYPOINT ["java", "-jar", "/opt/drwatch/drwatch.jar"]
CMD ["run", "--config", "/etc/drwatch/drwatch.yaml"]
