package io.kencom.ekyc.infra;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kencom.ekyc.domain.FaceReader;
import io.kencom.ekyc.domain.FaceReading;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Rectangle2D;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The face models bundled with the service (npm {@code faceplugin-face-recognition-js}, fetched by the build into
 * {@code face-models/}), run in-process by ONNX Runtime. Inputs, outputs and pre-processing as docs/ekyc-service.md
 * records them (Faces).
 * Each model runs on one thread without spinning, so one photo costs one core and requests run side by side.
 * Thread-safe: ONNX Runtime sessions may be run concurrently.
 */
public final class OnnxFaceReader implements FaceReader, AutoCloseable {

    private static final float DETECT_MIN_SCORE = 0.65f;
    private static final float NMS_IOU = 0.4f;
    /** ArcFace's 112×112 template: the eyes, the nose tip, the mouth's corners (as the photo shows them, left first). */
    private static final double[][] TEMPLATE = { { 38.2946, 51.6963 }, { 73.5318, 51.5014 }, { 56.0252, 71.7366 },
            { 41.5493, 92.3655 }, { 70.7299, 92.2041 } };

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession detect;
    private final OrtSession landmark;
    private final OrtSession feature;
    private final OrtSession liveness;
    private final OrtSession pose;

    public OnnxFaceReader() {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            detect = session(options, "fr_detect.onnx");
            landmark = session(options, "fr_landmark.onnx");
            feature = session(options, "fr_feature.onnx");
            liveness = session(options, "fr_liveness.onnx");
            pose = session(options, "fr_pose.onnx");
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the face models", e);
        }
    }

    @Override
    public List<FaceReading> read(BufferedImage photo) {
        BufferedImage rgb = Pixels.rgb(photo);
        try {
            List<FaceReading> faces = new ArrayList<>();
            for (float[] box : detect(rgb)) {
                faces.add(describe(rgb, box));
            }
            faces.sort(Comparator.comparingInt((FaceReading f) -> f.box().area()).reversed());
            return faces;
        } catch (OrtException e) {
            throw new IllegalStateException("face models failed", e);
        }
    }

    /** Square boxes (x1, y1, x2, y2 in pixels) of the faces found, after non-maximum suppression. */
    private List<float[]> detect(BufferedImage img) throws OrtException {
        // Squeezed to 320×240 whatever the photo's shape, as the package's own code does: letterboxing measured no
        // better on labelled photos (docs/ekyc-service.md) and found a second, false face in a test's warped selfie.
        float[] input = Pixels.chw(Pixels.resize(img, 0, 0, img.getWidth(), img.getHeight(), 320, 240),
                Pixels.Order.RGB, v -> (v - 127f) / 128f, null, null);
        float[][] scores;
        float[][] boxes;
        try (OnnxTensor t = tensor(input, 1, 3, 240, 320); OrtSession.Result r = detect.run(Map.of("input", t))) {
            scores = ((float[][][]) r.get("scores").orElseThrow().getValue())[0];
            boxes = ((float[][][]) r.get("boxes").orElseThrow().getValue())[0];
        }
        List<float[]> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i][1] >= DETECT_MIN_SCORE) {
                candidates.add(new float[] { boxes[i][0], boxes[i][1], boxes[i][2], boxes[i][3], scores[i][1] });
            }
        }
        candidates.sort(Comparator.comparingDouble((float[] c) -> c[4]).reversed());
        List<float[]> kept = new ArrayList<>();
        for (float[] c : candidates) {
            if (kept.stream().noneMatch(k -> iou(k, c) > NMS_IOU)) {
                kept.add(c);
            }
        }
        int w = img.getWidth();
        int h = img.getHeight();
        List<float[]> squares = new ArrayList<>(kept.size());
        for (float[] k : kept) {
            float x1 = k[0] * w;
            float y1 = k[1] * h;
            float x2 = k[2] * w;
            float y2 = k[3] * h;
            float side = y2 - y1;
            float cx = (x1 + x2) / 2;
            float cy = (y1 + y2) / 2;
            squares.add(new float[] { Math.max(0, cx - side / 2), Math.max(0, cy - side / 2),
                    Math.min(w - 1, cx + side / 2), Math.min(h - 1, cy + side / 2) });
        }
        return squares;
    }

    private FaceReading describe(BufferedImage img, float[] box) throws OrtException {
        float x1 = box[0];
        float y1 = box[1];
        float bw = box[2] - box[0];
        float bh = box[3] - box[1];
        float[] points = landmarks(img, x1, y1, bw, bh);
        return new FaceReading(new FaceReading.Box(Math.round(x1), Math.round(y1), Math.round(bw), Math.round(bh)),
                embedding(img, points), yaw(img, box), headTurn(points), mouthOpening(points), live(img, box));
    }

    /** 68 points (iBUG order) as x0, y0, x1, y1, … in pixels. */
    private float[] landmarks(BufferedImage img, float x1, float y1, float w, float h) throws OrtException {
        float[] input = Pixels.grey(Pixels.resize(img, x1, y1, x1 + w, y1 + h, 64, 64), 1 / 256f);
        float[] out;
        try (OnnxTensor t = tensor(input, 1, 1, 64, 64); OrtSession.Result r = landmark.run(Map.of("input", t))) {
            out = ((float[][]) r.get(0).getValue())[0];
        }
        float[] points = new float[out.length];
        for (int i = 0; i < out.length; i += 2) {
            points[i] = out[i] * w + x1;
            points[i + 1] = out[i + 1] * h + y1;
        }
        return points;
    }

    /**
     * The 512-d embedding of the face aligned on the ArcFace template by its eyes, nose tip and mouth corners. The
     * alignment only turns, scales and shifts (a similarity, fitted by least squares): an exact affine on three points
     * also stretched and sheared, so a head tilted back (nose tip closer to the eyes) came out a different face.
     */
    private float[] embedding(BufferedImage img, float[] p) throws OrtException {
        double[][] src = { mean(p, 37, 38, 40, 41), mean(p, 43, 44, 46, 47), { p[60], p[61] }, { p[96], p[97] },
                { p[108], p[109] } };
        AffineTransform toTemplate = similarity(src, TEMPLATE);
        BufferedImage from = img;
        double scale = Math.hypot(toTemplate.getScaleX(), toTemplate.getShearY());
        if (scale < 0.5) {
            // A large face: first shrink the part of the photo the template covers (see Pixels.resize), then align.
            Rectangle2D covered = inverse(toTemplate).createTransformedShape(new Rectangle(112, 112)).getBounds2D()
                    .createIntersection(new Rectangle(img.getWidth(), img.getHeight()));
            int w = Math.max(1, (int) Math.ceil(covered.getWidth() * scale * 2));
            int h = Math.max(1, (int) Math.ceil(covered.getHeight() * scale * 2));
            from = Pixels.resize(img, (float) covered.getMinX(), (float) covered.getMinY(),
                    (float) covered.getMaxX(), (float) covered.getMaxY(), w, h);
            toTemplate.translate(covered.getMinX(), covered.getMinY());
            toTemplate.scale(covered.getWidth() / w, covered.getHeight() / h);
        }
        BufferedImage aligned = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        new AffineTransformOp(toTemplate, AffineTransformOp.TYPE_BILINEAR).filter(from, aligned);
        float[] input = Pixels.chw(aligned, Pixels.Order.BGR, v -> (v - 127f) / 128f, null, null);
        try (OnnxTensor t = tensor(input, 1, 3, 112, 112); OrtSession.Result r = feature.run(Map.of("input", t))) {
            return ((float[][]) r.get(0).getValue())[0];
        }
    }

    /** Hopenet yaw in degrees, on the box widened by a quarter per side. */
    private double yaw(BufferedImage img, float[] box) throws OrtException {
        float w = box[2] - box[0];
        float h = box[3] - box[1];
        float x1 = Math.max(0, box[0] - w / 4);
        float y1 = Math.max(0, box[1] - h / 4);
        float x2 = Math.min(img.getWidth(), box[2] + w / 4);
        float y2 = Math.min(img.getHeight(), box[3] + h / 4);
        float[] mean = { 0.485f, 0.456f, 0.406f };
        float[] std = { 0.229f, 0.224f, 0.225f };
        float[] input = Pixels.chw(Pixels.resize(img, x1, y1, x2, y2, 224, 224), Pixels.Order.RGB, v -> v / 255f,
                mean, std);
        try (OnnxTensor t = tensor(input, 1, 3, 224, 224); OrtSession.Result r = pose.run(Map.of("input", t))) {
            float[] bins = softmax(((float[][]) r.get("output").orElseThrow().getValue())[0]);
            double yaw = 0;
            for (int i = 0; i < bins.length; i++) {
                yaw += bins[i] * i;
            }
            return yaw * 3 - 99;
        }
    }

    /** Probability that the face is of a live person: the box scaled ×2.7 about its centre, kept in the image. */
    private double live(BufferedImage img, float[] box) throws OrtException {
        float bw = box[2] - box[0];
        float bh = box[3] - box[1];
        float scale = Math.min(Math.min((img.getHeight() - 1) / bh, (img.getWidth() - 1) / bw), 2.7f);
        float nw = bw * scale;
        float nh = bh * scale;
        float cx = box[0] + bw / 2;
        float cy = box[1] + bh / 2;
        float x1 = cx - nw / 2;
        float y1 = cy - nh / 2;
        x1 = Math.max(0, Math.min(x1, img.getWidth() - 1 - nw));
        y1 = Math.max(0, Math.min(y1, img.getHeight() - 1 - nh));
        // One bilinear step, as the package scales it: no labelled live and spoof photos here to validate a change.
        float[] input = Pixels.chw(Pixels.draw(img, x1, y1, x1 + nw, y1 + nh, 128, 128), Pixels.Order.RGB, v -> v,
                null, null);
        try (OnnxTensor t = tensor(input, 1, 3, 128, 128); OrtSession.Result r = liveness.run(Map.of("input", t))) {
            return softmax(((float[][]) r.get(0).getValue())[0])[1];
        }
    }

    /** Inner lips: the gap between points 62 and 66 over the distance between the corners 60 and 64. */
    private static double mouthOpening(float[] p) {
        double width = Math.hypot(p[128] - p[120], p[129] - p[121]);
        double gap = Math.hypot(p[132] - p[124], p[133] - p[125]);
        return width == 0 ? 0 : gap / width;
    }

    /**
     * Where the nose tip (30) sits between the jaw's ends (0 on the person's right, 16 on their left): 0 when it is in
     * the middle, towards +1 as the person turns to their own right. Steadier on these models than the pose model's
     * yaw (a mirrored photo flips its sign; the yaw did not always).
     */
    private static double headTurn(float[] p) {
        double toRightJaw = Math.hypot(p[60] - p[0], p[61] - p[1]);
        double toLeftJaw = Math.hypot(p[60] - p[32], p[61] - p[33]);
        return toRightJaw + toLeftJaw == 0 ? 0 : (toLeftJaw - toRightJaw) / (toLeftJaw + toRightJaw);
    }

    private static double[] mean(float[] p, int... indexes) {
        double x = 0;
        double y = 0;
        for (int i : indexes) {
            x += p[2 * i];
            y += p[2 * i + 1];
        }
        return new double[] { x / indexes.length, y / indexes.length };
    }

    /**
     * The similarity (turn, uniform scale, shift; no mirroring) that takes the {@code from} points closest to the
     * {@code to} points in least squares — Umeyama's closed form in two dimensions.
     */
    static AffineTransform similarity(double[][] from, double[][] to) {
        int n = from.length;
        double fx = 0, fy = 0, tx = 0, ty = 0;
        for (int i = 0; i < n; i++) {
            fx += from[i][0] / n;
            fy += from[i][1] / n;
            tx += to[i][0] / n;
            ty += to[i][1] / n;
        }
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double x = from[i][0] - fx, y = from[i][1] - fy, u = to[i][0] - tx, v = to[i][1] - ty;
            dot += x * u + y * v;
            cross += x * v - y * u;
            norm += x * x + y * y;
        }
        double a = dot / norm;
        double b = cross / norm;
        return new AffineTransform(a, b, -b, a, tx - (a * fx - b * fy), ty - (b * fx + a * fy));
    }

    private static AffineTransform inverse(AffineTransform t) {
        try {
            return t.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException("landmarks collapsed to a point", e);
        }
    }

    private static float iou(float[] a, float[] b) {
        float ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        float iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        float inter = ix * iy;
        float union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static float[] softmax(float[] v) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, x);
        }
        float sum = 0;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) Math.exp(v[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private OnnxTensor tensor(float[] data, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
    }

    private OrtSession session(OrtSession.SessionOptions options, String file) throws OrtException {
        try (InputStream in = OnnxFaceReader.class.getResourceAsStream("/face-models/" + file)) {
            if (in == null) {
                throw new IllegalStateException("face-models/" + file + " is not on the classpath: build the module");
            }
            return env.createSession(in.readAllBytes(), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws OrtException {
        for (OrtSession s : List.of(detect, landmark, feature, liveness, pose)) {
            s.close();
        }
    }

    /** Pixel plumbing: RGB copies, bilinear crops and the float layouts the models take. */
    static final class Pixels {

        private Pixels() {
        }

        static BufferedImage rgb(BufferedImage img) {
            if (img.getType() == BufferedImage.TYPE_INT_RGB) {
                return img;
            }
            BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.drawImage(img, 0, 0, null);
            g.dispose();
            return out;
        }

        /**
         * The region scaled to w×h. A region over twice the size is first halved (a bilinear half is the mean of 2×2
         * pixels) until it is not: one bilinear step from further away reads only some pixels and aliases, and a
         * 2 000-pixel portrait read that way gave the models a face they had not seen.
         */
        static BufferedImage resize(BufferedImage img, float x1, float y1, float x2, float y2, int w, int h) {
            BufferedImage from = img;
            while (x2 - x1 > 2 * w && y2 - y1 > 2 * h) {
                int halfW = (int) Math.ceil((x2 - x1) / 2);
                int halfH = (int) Math.ceil((y2 - y1) / 2);
                from = draw(from, x1, y1, x2, y2, halfW, halfH);
                x1 = 0;
                y1 = 0;
                x2 = halfW;
                y2 = halfH;
            }
            return draw(from, x1, y1, x2, y2, w, h);
        }

        /** The region scaled to w×h in one bilinear step. */
        static BufferedImage draw(BufferedImage img, float x1, float y1, float x2, float y2, int w, int h) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, w, h, Math.round(x1), Math.round(y1), Math.round(x2), Math.round(y2), null);
            g.dispose();
            return out;
        }

        interface Scale {
            float apply(float v);
        }

        /** Which colour goes first. */
        enum Order {
            RGB,
            /** As OpenCV decodes a photo: the order models trained on its images expect. */
            BGR
        }

        /** Planar colour (NCHW) in the given order, each value scaled, then normalised by mean/std when given. */
        static float[] chw(BufferedImage img, Order order, Scale scale, float[] mean, float[] std) {
            int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            int n = px.length;
            int red = order == Order.RGB ? 0 : 2 * n;
            int blue = order == Order.RGB ? 2 * n : 0;
            float[] out = new float[3 * n];
            for (int i = 0; i < n; i++) {
                int p = px[i];
                out[red + i] = scale.apply((p >> 16) & 0xff);
                out[n + i] = scale.apply((p >> 8) & 0xff);
                out[blue + i] = scale.apply(p & 0xff);
            }
            if (mean != null) {
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < n; i++) {
                        out[c * n + i] = (out[c * n + i] - mean[c]) / std[c];
                    }
                }
            }
            return out;
        }

        static float[] grey(BufferedImage img, float scale) {
            int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            float[] out = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                int p = px[i];
                out[i] = (0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff)) * scale;
            }
            return out;
        }
    }
}
