package org.jingan.progress.cluster;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.jingan.progress.contract.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what on the pipeline's Kafka: one principal per role, each with the least it needs, as data.
 *
 * <p>{@link #grants()} is the whole table (SECURITY.md prints it); {@link #apply} makes it so on a cluster: it creates
 * or updates each role's SCRAM-SHA-512 credential and adds its ACLs (both idempotent). Nobody gets a grant on the
 * cluster resource: no role creates topics (the admin does, at setup), and an idempotent producer needs no
 * IDEMPOTENT_WRITE since Kafka 3.0 when it may WRITE a topic (KIP-679). Only the intake and the external producer
 * (departments' own systems) may write {@code progress-events}: the department inside an event the intake wrote is
 * one it authenticated; the external producer's login is trusted for every department (SECURITY.md).
 */
public final class AccessPlan {
    private static final Logger log = LoggerFactory.getLogger(AccessPlan.class);

    /** The roles, each one principal; {@link #username()} is its Kafka user name. */
    public enum Role {
        /** The department intake (HTTP API, CLI): writes the reports it authenticated. */
        INTAKE("intake"),
        /** The streams app: reads the inputs, writes the outputs, owns its group, transactions and internal topics. */
        STREAMS_APP("streams-app"),
        /** The monitoring center: reads alerts, keeps its acknowledge/silence decisions. */
        MONITOR("monitor"),
        /** Publishes the target catalog. */
        CATALOG("catalog"),
        /** Moves the simulated district clock (the demo, bin/clock set, a replay tool). */
        CLOCK("clock"),
        /** Third-party dashboards: standings, alerts and the catalog, nothing else. */
        READER("reader"),
        /**
         * A department's own system that writes its reports straight to Kafka, with any client (Python, Node, .NET,
         * Go): writes progress-events, reads nothing.
         */
        EXTERNAL_PRODUCER("external-producer");

        private final String username;

        Role(String username) {
            this.username = username;
        }

        public String username() {
            return username;
        }

        public String principal() {
            return "User:" + username;
        }
    }

    /**
     * The names the grants are made for.
     *
     * @param streamsApplicationId the streams app's {@code application.id}: its group, its transactional ids and its
     *                             internal topics all start with it
     * @param monitorGroupId       the monitor's consumer group
     * @param readerGroupPrefix    the groups third-party dashboards may use
     */
    public record Names(String streamsApplicationId, String monitorGroupId, String readerGroupPrefix) {
        public static final Names DEFAULTS = new Names("progress-streams", "progress-monitor", "progress-reader-");
    }

    /** One row of the table: a role may do {@code operations} on a resource (a literal name or a prefix). */
    public record Grant(Role role, ResourceType resourceType, String name, PatternType patternType,
                        List<AclOperation> operations, String why) {
        public Grant {
            operations = List.copyOf(operations);
        }

        /** The ACL bindings this row stands for (one per operation, allowed from any host). */
        public List<AclBinding> bindings() {
            ResourcePattern pattern = new ResourcePattern(resourceType, name, patternType);
            return operations.stream().map(op -> new AclBinding(pattern,
                    new AccessControlEntry(role.principal(), "*", op, AclPermissionType.ALLOW))).toList();
        }

        /** e.g. {@code TOPIC progress-events} or {@code GROUP progress-streams*}. */
        public String resource() {
            return resourceType + " " + name + (patternType == PREFIXED ? "*" : "");
        }
    }

    private final Names names;
    private final List<Grant> grants;

    public AccessPlan(Names names) {
        this.names = names;
        this.grants = List.copyOf(table(names));
    }

    public static AccessPlan defaults() {
        return new AccessPlan(Names.DEFAULTS);
    }

    public Names names() {
        return names;
    }

    public List<Grant> grants() {
        return grants;
    }

    public List<Grant> grants(Role role) {
        return grants.stream().filter(g -> g.role() == role).toList();
    }

    private static List<Grant> table(Names n) {
        String events = Topics.PROGRESS_EVENTS.name();
        String targets = Topics.TARGETS.name();
        String clock = Topics.CLOCK.name();
        String cases = Topics.SUPERVISION_CASES.name();
        String app = n.streamsApplicationId();
        List<Grant> t = new ArrayList<>();
        // intake: the one writer of progress-events; reads it back (its memory of event ids), follows the simulated
        // clock and the catalog, all with group-less consumers
        t.add(new Grant(Role.INTAKE, TOPIC, events, LITERAL, List.of(WRITE, DESCRIBE), "the reports it authenticated (idempotent producer)"));
        t.add(new Grant(Role.INTAKE, TOPIC, events, LITERAL, List.of(READ),
                "reads them back: its memory of stored event ids, rebuilt at start, so a reused id is refused after a restart (read_committed, no group)"));
        t.add(new Grant(Role.INTAKE, TOPIC, clock, LITERAL, List.of(READ, DESCRIBE), "follows the simulated clock (no group)"));
        t.add(new Grant(Role.INTAKE, TOPIC, targets, LITERAL, List.of(READ, DESCRIBE),
                "follows the catalog: who owns which target, revisions applied live (read_committed, no group)"));
        t.add(new Grant(Role.INTAKE, TOPIC, cases, LITERAL, List.of(READ, WRITE, DESCRIBE),
                "supervision cases: follows them (its departments' open cases, no group) and writes the answers it authenticated"));
        t.add(new Grant(Role.INTAKE, TOPIC, Topics.PLAN_SUBMISSIONS.name(), LITERAL, List.of(WRITE, DESCRIBE),
                "the plans departments file (idempotent producer); it never reads them back"));
        // streams app
        for (String input : List.of(targets, events, clock, cases)) {
            t.add(new Grant(Role.STREAMS_APP, TOPIC, input, LITERAL, List.of(READ, DESCRIBE), "input"));
        }
        for (String output : List.of(Topics.TARGET_PROGRESS.name(), Topics.ALERTS.name(), Topics.DEAD_LETTERS.name(),
                cases)) {
            t.add(new Grant(Role.STREAMS_APP, TOPIC, output, LITERAL, List.of(WRITE, DESCRIBE), "output"));
        }
        for (String followed : List.of(Topics.TARGET_PROGRESS.name(), Topics.ALERTS.name())) {
            t.add(new Grant(Role.STREAMS_APP, TOPIC, followed, LITERAL, List.of(READ),
                    "reads its output back: each instance's dashboard feed pushes the changes to its pages (read_committed, no group)"));
        }
        t.add(new Grant(Role.STREAMS_APP, TOPIC, app, PREFIXED, List.of(CREATE, READ, WRITE, DELETE, DESCRIBE, DESCRIBE_CONFIGS),
                "its changelog and repartition topics (created, purged by it)"));
        t.add(new Grant(Role.STREAMS_APP, GROUP, app, PREFIXED, List.of(READ, DESCRIBE), "its consumer group"));
        t.add(new Grant(Role.STREAMS_APP, TRANSACTIONAL_ID, app, PREFIXED, List.of(WRITE, DESCRIBE), "exactly_once_v2 transactions"));
        // monitor
        t.add(new Grant(Role.MONITOR, TOPIC, Topics.ALERTS.name(), LITERAL, List.of(READ, DESCRIBE), "the alerts it shows"));
        t.add(new Grant(Role.MONITOR, GROUP, n.monitorGroupId(), LITERAL, List.of(READ, DESCRIBE), "its consumer group"));
        t.add(new Grant(Role.MONITOR, TOPIC, Topics.ALERT_ACKS.name(), LITERAL, List.of(READ, WRITE, DESCRIBE),
                "its acknowledge/silence decisions (idempotent producer)"));
        t.add(new Grant(Role.MONITOR, TOPIC, clock, LITERAL, List.of(READ, DESCRIBE), "follows the simulated clock (no group)"));
        t.add(new Grant(Role.MONITOR, TOPIC, targets, LITERAL, List.of(READ, DESCRIBE),
                "follows the catalog: departments' names, each target's department for cases opened by hand (read_committed, no group)"));
        t.add(new Grant(Role.MONITOR, TOPIC, cases, LITERAL, List.of(READ, WRITE, DESCRIBE),
                "supervision cases: shows them, writes the operators' reviews (idempotent producer)"));
        t.add(new Grant(Role.MONITOR, GROUP, n.monitorGroupId() + "-cases", LITERAL, List.of(READ, DESCRIBE),
                "its group on supervision-cases: each escalation notified to leadership once"));
        t.add(new Grant(Role.MONITOR, TOPIC, Topics.PLAN_SUBMISSIONS.name(), LITERAL, List.of(READ, WRITE, DESCRIBE),
                "lists departments' plans (no group) and records operators' approvals and returns"));
        t.add(new Grant(Role.MONITOR, TOPIC, targets, LITERAL, List.of(WRITE),
                "an approved plan becomes the target's pace plan: a catalog revision (revisedBy User:monitor,"
                        + " the operator in planApprovedBy and the note)"));
        // catalog admin: the publisher reads what is there and writes the difference
        t.add(new Grant(Role.CATALOG, TOPIC, targets, LITERAL, List.of(READ, WRITE, DESCRIBE), "publishes the catalog (reads it first)"));
        // clock: the setter reads where the clock stands and moves it
        t.add(new Grant(Role.CLOCK, TOPIC, clock, LITERAL, List.of(READ, WRITE, DESCRIBE), "moves the simulated clock (reads it first)"));
        // reader
        t.add(new Grant(Role.READER, TOPIC, Topics.TARGET_PROGRESS.name(), LITERAL, List.of(READ, DESCRIBE), "standings"));
        t.add(new Grant(Role.READER, TOPIC, Topics.ALERTS.name(), LITERAL, List.of(READ, DESCRIBE), "alerts"));
        t.add(new Grant(Role.READER, TOPIC, targets, LITERAL, List.of(READ, DESCRIBE),
                "the catalog: names, units and departments of the targets (public: the work report)"));
        t.add(new Grant(Role.READER, GROUP, n.readerGroupPrefix(), PREFIXED, List.of(READ, DESCRIBE), "dashboards' groups"));
        // departments' own systems: write reports, with any client and partitioner (the streams app re-routes them)
        t.add(new Grant(Role.EXTERNAL_PRODUCER, TOPIC, events, LITERAL, List.of(WRITE, DESCRIBE),
                "reports from departments' own systems, any client (not idempotent unless the client asks)"));
        return t;
    }

    /** Every ACL binding of the plan. */
    public List<AclBinding> bindings() {
        return grants.stream().flatMap(g -> g.bindings().stream()).toList();
    }

    /**
     * Makes the plan so with {@code admin} (a super user's client): sets each role's SCRAM-SHA-512 credential to the
     * password in {@code logins} (roles missing there are left as they are) and adds every ACL, then waits until the
     * broker applies both. Idempotent. ACLs the plan no longer holds are not removed.
     */
    public void apply(Admin admin, Map<Role, KafkaLogin> logins) {
        try {
            List<UserScramCredentialAlteration> credentials = new ArrayList<>();
            logins.forEach((role, login) -> {
                if (!login.username().equals(role.username())) {
                    throw new IllegalArgumentException("The login for " + role + " is user " + login.username()
                            + ", not " + role.username());
                }
                credentials.add(new UserScramCredentialUpsertion(login.username(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), login.password()));
            });
            if (!credentials.isEmpty()) {
                admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
            }
            admin.createAcls(bindings()).all().get(30, TimeUnit.SECONDS);
            awaitApplied(admin, logins.keySet());
            log.info("Kafka principals and ACLs in place: {} users, {} ACLs", logins.size(), bindings().size());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the Kafka principals and ACLs: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while the principals and ACLs were created", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the Kafka principals and ACLs", e);
        }
    }

    /** The credentials and ACLs are metadata records: wait until the broker serves them, so a login right after works. */
    private void awaitApplied(Admin admin, Collection<Role> roles) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> users = roles.stream().map(Role::username).collect(Collectors.toSet());
        Set<AclBinding> wanted = new HashSet<>(bindings());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Set<String> known = users.isEmpty() ? Set.of()
                    : admin.describeUserScramCredentials(List.copyOf(users)).all().get(30, TimeUnit.SECONDS).keySet();
            Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            if (known.containsAll(users) && acls.containsAll(wanted)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The broker did not apply the principals and ACLs within 30 s");
            }
            Thread.sleep(50);
        }
    }

    /** The plan as a Markdown table: role, resource, operations, why. */
    public String markdownTable() {
        StringBuilder out = new StringBuilder("| principal | resource | operations | why |\n|---|---|---|---|\n");
        for (Grant g : grants) {
            out.append("| `").append(g.role().principal()).append("` | `").append(g.resource()).append("` | ")
                    .append(g.operations().stream().map(Enum::name).collect(Collectors.joining(", "))).append(" | ")
                    .append(g.why()).append(" |\n");
        }
        return out.toString();
    }

    /** One login per role, kept in {@code dir} as {@code <user>.properties} (created on first use, mode 600). */
    public static Map<Role, KafkaLogin> loginsIn(java.nio.file.Path dir) {
        Map<Role, KafkaLogin> logins = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            logins.put(role, KafkaLogin.loadOrCreate(credentialsFile(dir, role.username()), role.username()));
        }
        return logins;
    }

    /** Where {@code user}'s client properties are kept in a credentials directory. */
    public static java.nio.file.Path credentialsFile(java.nio.file.Path dir, String user) {
        return dir.resolve(user + ".properties");
    }

    @Override
    public String toString() {
        Map<Role, Long> counts = new LinkedHashMap<>();
        grants.forEach(g -> counts.merge(g.role(), (long) g.operations().size(), Long::sum));
        return "AccessPlan" + counts;
    }
}
