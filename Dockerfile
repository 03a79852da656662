# Builds the server from source and runs it on the embedded SQLite store (set MONGODB_URI for MongoDB).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app messaging && mkdir -p /app/data && chown messaging /app/data
WORKDIR /app
COPY --from=build /src/messaging-app/target/messaging-server.jar /src/messaging-app/jvm.options /app/
# The classes a start loads, recorded once with this image's JVM at the path jvm.options names (AppCDS).
RUN mkdir -p messaging-app/target && DATA_DIR=/tmp/class-archive-data java \
      -XX:ArchiveClassesAtExit=messaging-app/target/messaging-server.jsa -jar messaging-server.jar --record-class-archive \
    && rm -rf /tmp/class-archive-data
USER messaging
ENV PORT=3000 DATA_DIR=/app/data
VOLUME /app/data
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:3000/api/health || exit 1
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/messaging-server.jar"]
