package org.jingan.progress.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** What the intake (over HTTP, or the in-process one writing straight to Kafka) answered. */
record ClientAnswer(int status, JsonNode body) {
}
