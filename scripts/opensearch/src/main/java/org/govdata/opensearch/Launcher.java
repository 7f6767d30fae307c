package org.govdata.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs govdata's local OpenSearch: one embedded node, started by scripts/servers.sh.
 *
 * <p>Configured by system properties (servers.sh sets them all):
 * <ul>
 *   <li>{@code govdata.opensearch.dist} - the built layout: {@code modules/} and {@code plugins/},
 *       each with its jars and plugin-descriptor.properties (see pom.xml)</li>
 *   <li>{@code govdata.opensearch.home} - state: {@code node/node_1/} (home and config),
 *       {@code data/}, {@code logs/}</li>
 *   <li>{@code govdata.opensearch.host}, {@code .http.port}, {@code .transport.port},
 *       {@code .cluster}</li>
 * </ul>
 *
 * <p>The node runs until SIGTERM/SIGINT, then closes cleanly (flushes) and the JVM exits.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(final String[] args) throws Exception {
        final Path dist = Paths.get(required("govdata.opensearch.dist")).toAbsolutePath();
        final Path home = Paths.get(required("govdata.opensearch.home")).toAbsolutePath();
        final String host = System.getProperty("govdata.opensearch.host", "127.0.0.1");
        final String httpPort = System.getProperty("govdata.opensearch.http.port", "9201");
        final String transportPort = System.getProperty("govdata.opensearch.transport.port", "9301");
        final String cluster = System.getProperty("govdata.opensearch.cluster", "govdata");

        for (final String dir : new String[] {"modules/analysis-common", "modules/mapper-extras",
                "modules/transport-netty4"}) {
            if (!Files.isRegularFile(dist.resolve(dir).resolve("plugin-descriptor.properties"))) {
                throw new IllegalStateException("missing " + dist.resolve(dir) + " (rebuild: scripts/servers.sh install)");
            }
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // use exactly the configured port, never scan for a free one
        runner.onBuild((number, settings) -> {
            settings.put("node.name", cluster + "-" + number);
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            settings.put("discovery.type", "single-node");
            settings.put("network.host", host);
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            // the runner copies these into node/modules and node/plugins and loads them from
            // there, each in its own class loader, as the real distribution does
            settings.put("path.modules", dist.resolve("modules").toString());
            settings.put("path.plugins", dist.resolve("plugins").toString());
            // a developer's or CI machine's disk may be fuller than the production watermarks
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        });

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Exception e) {
                System.err.println("govdata opensearch: close failed: " + e);
            }
            stopped.countDown();
        }, "govdata-opensearch-shutdown"));

        try {
            runner.build(
                    "-basePath", home.resolve("node").toString(), // node home and config
                    "-dataPath", home.resolve("data").toString(),
                    "-logsPath", home.resolve("logs").toString(),
                    "-numOfNode", "1",
                    "-clusterName", cluster,
                    "-printOnFailure");
        } catch (final RuntimeException e) {
            System.err.println("govdata opensearch: the node failed to start");
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("govdata opensearch: started, http://" + host + ":" + httpPort);
        stopped.await();
    }

    private static String required(final String name) {
        final String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("system property " + name + " is required");
        }
        return value;
    }
}
