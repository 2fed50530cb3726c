package io.kencom.bench;

import io.kencom.local.ContainerImages;
import io.kencom.local.KafkaBroker;
import io.kencom.local.Net;
import io.kencom.local.ServiceApp;
import io.kencom.local.StackLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each service's image started alone (docs/benchmarks.md): from {@code podman run} to {@code /q/health/ready} answering
 * 200, Quarkus' own "started in", and the JVM's resident memory once ready. Run it beside the local stack
 * ({@code deploy/local/run}): each container joins it on the host's network on its service's port + 3000, with this
 * machine's values for the manifests' variables (ServiceApp.inPlaceOfTheCluster), read-only root, a tmpfs on /tmp,
 * the manifests' memory limit. Arguments: runs per image (default 3), then the services to start (all when none).
 */
public final class ContainerStart {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    /** Clear of the stack's ports and of the fault campaign's second stack (+ 1000), which its smoke run meets. */
    private static final int PORT_OFFSET = 3000;

    private ContainerStart() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        // Then the services to start (modules' names), all five when none is named.
        List<String> named = List.of(args).subList(Math.min(1, args.length), args.length);
        ContainerImages images = new ContainerImages(StackLayout.find());
        System.out.printf("| image | start → ready (median of %d) | Quarkus \"started in\" | resident when ready |%n", runs);
        System.out.println("|---|---:|---:|---:|");
        for (ServiceApp service : ServiceApp.values()) {
            if (!named.isEmpty() && !named.contains(service.module())) {
                continue;
            }
            List<double[]> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                samples.add(once(images, service));
            }
            samples.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] median = samples.get(runs / 2);
            System.out.printf("| %s | %.1f s | %.1f s | %.0f MiB |%n", service.module(), median[0], median[1],
                    median[2]);
        }
    }

    /** One start: seconds to ready, Quarkus' "started in", MiB resident 3 s after ready. */
    private static double[] once(ContainerImages images, ServiceApp service) throws Exception {
        String name = "kencom-bench-" + service.module();
        int port = service.port() + PORT_OFFSET;
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", name, "--network", "host",
                "--read-only", "--tmpfs", "/tmp:rw,size=512m",
                "--memory", service == ServiceApp.EKYC ? "1536m" : "768m"));
        service.inPlaceOfTheCluster(KafkaBroker.LOCAL.bootstrapServers()).forEach((key, value) ->
                run.addAll(List.of("--env", key + "=" + (key.equals("QUARKUS_HTTP_PORT") ? port : value))));
        run.add(ContainerImages.image(service));
        images.podman("rm", "--force", name);
        if (Net.listening(port)) {
            throw new IllegalStateException("port " + port + " is taken: the ready answer would not be this image's");
        }
        long t0 = System.nanoTime();
        images.podman(run.toArray(String[]::new));
        try {
            while (Net.status("http://" + Net.HOST + ":" + port + "/q/health/ready") != 200) {
                if (System.nanoTime() - t0 > 240_000_000_000L) { // a hang, not a slow start: that is the figure
                    throw new IllegalStateException(service.module() + " not ready in 4 minutes: podman logs " + name);
                }
                Thread.sleep(50);
            }
            double ready = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(3_000);
            String pid = images.podman("inspect", "--format", "{{.State.Pid}}", name).trim();
            double rss = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(0) / 1024.0;
            Matcher started = STARTED.matcher(images.podman("logs", name));
            return new double[] {ready, started.find() ? Double.parseDouble(started.group(1)) : Double.NaN, rss};
        } finally {
            // stopped, not killed: it leaves its consumer groups at once, so the stack's own consumers go on
            images.podman("stop", "--time", "20", name);
            images.podman("rm", "--force", name);
        }
    }
}
