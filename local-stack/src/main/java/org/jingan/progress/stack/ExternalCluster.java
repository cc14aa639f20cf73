package org.jingan.progress.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Checks that an external cluster answers before anything is started against it, with a one-line error if not. */
final class ExternalCluster {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ExternalCluster() {
    }

    /** The number of brokers. */
    static int requireBroker(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        Object bootstrap = clientConfig.get("bootstrap.servers");
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
        } catch (TimeoutException | ExecutionException e) {
            String why = e instanceof ExecutionException ? e.getCause().getMessage() : "no answer within " + TIMEOUT.toSeconds() + " s";
            throw new StackException("Kafka at " + bootstrap + " is unreachable (" + why + "): check --bootstrap-servers"
                    + " / PROGRESS_BOOTSTRAP_SERVERS and the security settings (--kafka-property).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while checking Kafka at " + bootstrap, e);
        } catch (RuntimeException e) {
            throw new StackException("Cannot connect to Kafka at " + bootstrap + ": " + e.getMessage()
                    + ". Check --bootstrap-servers / PROGRESS_BOOTSTRAP_SERVERS.", e);
        }
    }

    static void requireRegistry(String url, String userInfo) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/subjects")).timeout(TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new StackException("The schema registry URL '" + url + "' is not a URL: check --schema-registry-url"
                    + " / PROGRESS_SCHEMA_REGISTRY_URL.", e);
        }
        if (userInfo != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new StackException("The schema registry at " + url + " is unreachable (" + e.getMessage()
                    + "): check --schema-registry-url / PROGRESS_SCHEMA_REGISTRY_URL.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while checking the schema registry at " + url, e);
        } catch (IllegalArgumentException e) {
            throw new StackException("The schema registry URL '" + url + "' is not usable (" + e.getMessage() + ").", e);
        }
        if (status == 401 || status == 403) {
            throw new StackException("The schema registry at " + url + " refused the credentials (HTTP " + status
                    + "): set --schema-registry-user-info / PROGRESS_SCHEMA_REGISTRY_USER_INFO as user:password.");
        }
        if (status != 200) {
            throw new StackException("The schema registry at " + url + " answered HTTP " + status + " to GET /subjects:"
                    + " is this the Confluent-compatible API base URL (e.g. .../apis/ccompat/v7 for Apicurio)?");
        }
    }
}
