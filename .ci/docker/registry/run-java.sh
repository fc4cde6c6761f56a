#!/bin/sh
# Entry point of the Apicurio Registry stand-in: the official image's run-java.sh reduced to what
# the app needs (JAVA_OPTS, JAVA_OPTS_APPEND, the Quarkus runner).
exec java ${JAVA_OPTS:-} ${JAVA_OPTS_APPEND:-} -jar /deployments/quarkus-run.jar "$@"
