# The base of every kencom service image (kencom/jvm): a Java 17 runtime, a non-root user, nothing else.
# Build it first, from the repository's root: docker build -f deploy/docker/jvm.Dockerfile -t kencom/jvm .
# (deploy/docker/build builds it and the five services after `mvn package`; docs/deploy.md.)
FROM eclipse-temurin:17-jre-noble
RUN groupadd --gid 10001 kencom && useradd --uid 10001 --gid kencom --no-create-home --shell /usr/sbin/nologin kencom
WORKDIR /deployments
USER 10001:10001
EXPOSE 8080
# The root filesystem is read-only in the cluster: the JVM and Vert.x write to /tmp only (kencom-common sets both).
# Each service's Dockerfile names its entry point.
