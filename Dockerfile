# syntax=docker/dockerfile:1
# drwatch daemon image.
#   docker build -t drwatch .
#   docker run --read-only --tmpfs /tmp -p 9464:9464 -v drwatch-state:/var/lib/drwatch \
#     -v "$PWD/drwatch.yaml:/etc/drwatch/drwatch.yaml:ro" drwatch
# The config must bind the HTTP server to 0.0.0.0 for the published port to be reachable.
# Read-only root: drwatch writes only to /var/lib/drwatch (state.dir, the journal) and /tmp (Vert.x
# unpacks its file cache under java.io.tmpdir at start and refuses to start without it).

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
# The cache mount keeps ~/.m2 between builds without baking it into a layer.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

FROM eclipse-temurin:17.0.17_10-jre-noble
# curl is for HEALTHCHECK: the Temurin image does not promise to ship curl or wget.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 drwatch \
 && useradd --uid 10001 --gid drwatch --home-dir /var/lib/drwatch --no-create-home \
      --shell /usr/sbin/nologin drwatch \
 && mkdir -p /opt/drwatch /etc/drwatch /var/lib/drwatch \
 && chown drwatch:drwatch /var/lib/drwatch
COPY --from=build /src/target/drwatch.jar /opt/drwatch/drwatch.jar

# Numeric ids, so that runtimes which enforce runAsNonRoot can verify them without /etc/passwd.
USER 10001:10001
WORKDIR /var/lib/drwatch
# /tmp is a volume too, so that a plain --read-only run works (a --tmpfs /tmp is better).
VOLUME ["/var/lib/drwatch", "/tmp"]
EXPOSE 9464
# No --start-period: dockerfilelint 1.8.0 rejects it, and the first check only runs after one
# interval (30 s), long after the JVM is up (about 2 s).
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9464/healthz || exit 1
ENTRYPOINT ["java", "-jar", "/opt/drwatch/drwatch.jar"]
CMD ["run", "--config", "/etc/drwatch/drwatch.yaml"]
