package io.kencom.e2e.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.testsupport.RealInfrastructure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The overview dashboard's panels drawn from a real run's data (docs/operations.md shows one): each panel's queries
 * asked of the run's {@link Prometheus} over the whole run, drawn as the lines Grafana would draw, a panel per tile
 * in the dashboard's order. A chart, not Grafana: titles, series, the highest value; no Grafana here to render it.
 */
final class OverviewPicture {

    private static final Path DASHBOARD = Path.of("deploy/k8s/base/monitoring/dashboards/overview.json");
    private static final int TILE_W = 640;
    private static final int TILE_H = 260;
    private static final int COLUMNS = 2;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /** One panel as drawn: its title and how many series had data. */
    record Tile(String title, int series) {
    }

    private OverviewPicture() {
    }

    /** Draws every panel to {@code png}; answers what each showed. */
    static List<Tile> draw(Prometheus prometheus, Path png) {
        try {
            JsonNode panels = new ObjectMapper().readTree(RealInfrastructure.layout().repoRoot().resolve(DASHBOARD)
                    .toFile()).get("panels");
            int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
            BufferedImage image = new BufferedImage(COLUMNS * TILE_W, rows * TILE_H, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            List<Tile> tiles = new ArrayList<>();
            for (int i = 0; i < panels.size(); i++) {
                JsonNode panel = panels.get(i);
                List<Series> series = new ArrayList<>();
                for (JsonNode target : panel.get("targets")) {
                    String expr = target.get("expr").asText().replace("$__rate_interval", "1m");
                    for (JsonNode result : prometheus.range(expr, Duration.ofSeconds(5))) {
                        series.add(Series.of(result, target.path("legendFormat").asText("")));
                    }
                }
                tile(g, (i % COLUMNS) * TILE_W, (i / COLUMNS) * TILE_H, panel.get("title").asText(), series);
                tiles.add(new Tile(panel.get("title").asText(), series.size()));
            }
            g.dispose();
            Files.createDirectories(png.getParent());
            ImageIO.write(image, "png", png.toFile());
            return tiles;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the overview", e);
        }
    }

    private record Series(String name, List<double[]> points) {

        double max() {
            return points.stream().mapToDouble(p -> p[1]).max().orElse(0);
        }

        static Series of(JsonNode result, String legend) {
            String name = legend;
            var fields = result.get("metric").fields();
            while (fields.hasNext()) {
                var f = fields.next();
                name = name.replace("{{" + f.getKey() + "}}", f.getValue().asText());
            }
            if (name.isBlank()) {
                name = result.get("metric").toString();
            }
            List<double[]> points = new ArrayList<>();
            for (JsonNode p : result.get("values")) {
                double v = p.get(1).asDouble();
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    points.add(new double[] {p.get(0).asDouble(), v});
                }
            }
            return new Series(name, points);
        }
    }

    private static void tile(Graphics2D g, int x, int y, String title, List<Series> series) {
        int left = x + 50;
        int top = y + 30;
        int w = TILE_W - 70;
        int h = TILE_H - 90;
        g.setColor(new Color(0xf4f5f5));
        g.fillRect(x + 4, y + 4, TILE_W - 8, TILE_H - 8);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, x + 12, y + 20);
        double minT = Double.MAX_VALUE, maxT = -Double.MAX_VALUE, maxV = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minT = Math.min(minT, p[0]);
                maxT = Math.max(maxT, p[0]);
                maxV = Math.max(maxV, p[1]);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left, top, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.GRAY);
        g.drawString(label(maxV), x + 8, top + 10);
        g.drawString("0", x + 8, top + h);
        if (series.isEmpty() || maxT <= minT) {
            g.drawString("no data in this run", left + 10, top + h / 2);
            return;
        }
        double scaleV = maxV == 0 ? 1 : maxV;
        g.setStroke(new BasicStroke(1.6f));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            g.setColor(COLORS[i % COLORS.length]);
            int[] xs = new int[s.points().size()];
            int[] ys = new int[s.points().size()];
            for (int j = 0; j < xs.length; j++) {
                double[] p = s.points().get(j);
                xs[j] = left + (int) ((p[0] - minT) / (maxT - minT) * w);
                ys[j] = top + h - (int) (p[1] / scaleV * h);
            }
            g.drawPolyline(xs, ys, xs.length);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        int lx = left;
        int ly = top + h + 16;
        // the legend names the series that rose above zero first, as many as fit; the rest are counted
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing((Integer i) -> -series.get(i).max()));
        int shown = Math.min(order.size(), 8);
        for (int k = 0; k < shown; k++) {
            int i = order.get(k);
            String name = series.get(i).name();
            name = name.length() > 30 ? name.substring(0, 29) + "…" : name;
            g.setColor(COLORS[i % COLORS.length]);
            g.fillRect(lx, ly - 8, 8, 8);
            g.setColor(Color.DARK_GRAY);
            g.drawString(name, lx + 11, ly);
            lx += 190;
            if (lx > left + w - 190) {
                lx = left;
                ly += 14;
            }
        }
        if (order.size() > shown) {
            g.setColor(Color.GRAY);
            g.drawString("+" + (order.size() - shown) + " more", lx + 11, ly);
        }
        g.setColor(Color.GRAY);
        g.drawString(String.format("%.0f min", (maxT - minT) / 60), left + w - 40, top + h + 12);
    }

    private static String label(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.2f", v);
    }
}
