package org.jingan.progress.cluster;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The security settings of a broker of this project (the embedded one, the three-broker test cluster): SCRAM-SHA-512
 * on the broker listener, for clients and between brokers (credentials live in the metadata; the admin's is written
 * at format time); PLAIN against a static list holding the admin alone on the controller listener (SCRAM cannot work
 * there: the controller serves the metadata SCRAM needs); {@code StandardAuthorizer}, nothing allowed without an ACL,
 * the admin the one super user.
 */
public final class BrokerSecurity {

    private BrokerSecurity() {
    }

    public static Map<String, String> properties(String brokerListener, String controllerListener, KafkaLogin admin) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listener.security.protocol.map", brokerListener + ":SASL_PLAINTEXT," + controllerListener + ":SASL_PLAINTEXT");
        String broker = "listener.name." + brokerListener.toLowerCase(Locale.ROOT) + ".";
        p.put("sasl.enabled.mechanisms", KafkaLogin.MECHANISM);
        p.put(broker + "sasl.enabled.mechanisms", KafkaLogin.MECHANISM);
        p.put(broker + KafkaLogin.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config", admin.jaasConfig());
        p.put("sasl.mechanism.inter.broker.protocol", KafkaLogin.MECHANISM);
        String controller = "listener.name." + controllerListener.toLowerCase(Locale.ROOT) + ".";
        p.put(controller + "sasl.enabled.mechanisms", "PLAIN");
        p.put(controller + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + admin.username() + "\" password=\"" + admin.password() + "\" user_" + admin.username()
                + "=\"" + admin.password() + "\";");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", admin.principal());
        return p;
    }
}
