package org.wildrtc.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.Registration;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;
import org.wildrtc.signaling.ClusterNodes;
import org.wildrtc.signaling.ReadSwitch;
import org.wildrtc.signaling.RoomChannels;
import org.wildrtc.signaling.RoomEvent;

/**
 * Signaling between nodes on WildFly's own clustering: a command dispatcher on the server's default
 * channel (JGroups "ee" in standalone-ha.xml, cli/cluster.cli; in standalone.xml a group of one, so
 * nothing is ever sent). One {@link Outbox} per other node keeps what is sent to it in order.
 */
@ApplicationScoped
public class ClusterSignaling implements ClusterNodes, GroupMembershipListener<GroupMember> {
    private static final Logger LOG = Logger.getLogger(ClusterSignaling.class);
    /**
     * Events waiting for one node; beyond, messages for it are refused (the sender may try again).
     * Large enough for what the worker lanes of held senders still hand over after their sockets
     * stop being read (up to wildrtc.signaling.queue-bytes each): a flood is held, not refused.
     */
    static final int OUTBOX_EVENTS = 65_536;
    /** From this many events waiting for a node, senders whose socket can be paused are held... */
    static final int OUTBOX_HIGH = 1024;
    /** ...until this many are left. */
    static final int OUTBOX_LOW = 256;

    @Resource(lookup = "java:jboss/clustering/server/command-dispatcher-factory/default")
    CommandDispatcherFactory<GroupMember> factory;

    /** The WAR's module name: a WAR deployed twice on a node (as the tests' second node) has a dispatcher each. */
    @Resource(lookup = "java:module/ModuleName")
    String moduleName;

    @Inject
    RoomChannels channels;

    private CommandDispatcher<GroupMember, RoomChannels> dispatcher;
    private Registration membership;
    private final ConcurrentMap<String, Outbox> outboxes = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        dispatcher = factory.createCommandDispatcher(ClusterSignaling.class.getName() + "/" + moduleName, channels,
                ClusterSignaling.class.getClassLoader());
        membership = factory.getGroup().register(this);
        if (!factory.getGroup().isSingleton()) {
            LOG.infof("Signaling between the nodes of cluster %s: %s", factory.getGroup().getName(),
                    factory.getGroup().getMembership().getMembers().stream().map(GroupMember::getName).toList());
        }
    }

    @PreDestroy
    void stop() {
        membership.close();
        outboxes.values().forEach(Outbox::close);
        dispatcher.close();
    }

    @Override
    public String localNode() {
        return factory.getGroup().getLocalMember().getName();
    }

    @Override
    public void tellOthers(RoomEvent event) {
        GroupMember local = factory.getGroup().getLocalMember();
        for (GroupMember member : factory.getGroup().getMembership().getMembers()) {
            if (!member.equals(local) && !outbox(member).offer(event)) {
                LOG.warnf("Node %s is not keeping up: a change to a room (%s) was not passed to it",
                        member.getName(), event.getClass().getSimpleName());
            }
        }
    }

    @Override
    public boolean tell(String node, RoomEvent event) {
        // Every message to another node comes here: its outbox, once made, is found without a scan of
        // the membership (a node that left has none: updated() removes it).
        Outbox outbox = outboxes.get(node);
        if (outbox == null) {
            Optional<GroupMember> member = factory.getGroup().getMembership().getMembers().stream()
                    .filter(m -> m.getName().equals(node)).findFirst();
            if (member.isEmpty()) {
                return false;
            }
            outbox = outbox(member.get());
        }
        return outbox.offer(event);
    }

    @Override
    public boolean holdIfBackedUp(String node, ReadSwitch sender) {
        Outbox outbox = outboxes.get(node);
        return outbox != null && outbox.holdIfBackedUp(sender);
    }

    @Override
    public void updated(GroupMembershipEvent<GroupMember> event) {
        for (GroupMember left : event.getLeavers()) {
            Outbox outbox = outboxes.remove(left.getName());
            if (outbox != null) {
                outbox.close();
            }
            channels.nodeLeft(left.getName());
        }
        if (!event.getJoiners().isEmpty()) {
            LOG.infof("Node(s) %s joined the cluster", event.getJoiners().stream().map(GroupMember::getName).toList());
        }
    }

    private Outbox outbox(GroupMember member) {
        return outboxes.computeIfAbsent(member.getName(), name -> new Outbox(name, OUTBOX_EVENTS, OUTBOX_HIGH,
                OUTBOX_LOW, batch -> dispatcher.dispatchToMember(new RoomEventBatch(batch), member)));
    }
}
