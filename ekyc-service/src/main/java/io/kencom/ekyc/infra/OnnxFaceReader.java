package io.kencom.ekyc.infra;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kencom.ekyc.domain.FaceReader;
import io.kencom.ekyc.domain.FaceReading;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Rectangle2D;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
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
            for (FaceBox box : detect(rgb)) {
                faces.add(describe(rgb, box));
            }
            faces.sort(Comparator.comparingInt((FaceReading f) -> f.box().area()).reversed());
            return faces;
        } catch (OrtException e) {
            throw new IllegalStateException("face models failed", e);
        }
    }

    /** Square boxes, in pixels, of the faces found, the overlapping ones suppressed. */
    private List<FaceBox> detect(BufferedImage img) throws OrtException {
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
        List<FaceBox.Scored> found = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i][1] >= DETECT_MIN_SCORE) {
                found.add(new FaceBox.Scored(new FaceBox(boxes[i][0], boxes[i][1], boxes[i][2], boxes[i][3]),
                        scores[i][1]));
            }
        }
        return FaceBox.withoutOverlaps(found, NMS_IOU).stream()
                .map(box -> box.squareIn(img.getWidth(), img.getHeight())).toList();
    }

    private FaceReading describe(BufferedImage img, FaceBox box) throws OrtException {
        Landmarks points = landmarks(img, box);
        return new FaceReading(new FaceReading.Box(Math.round(box.x1()), Math.round(box.y1()),
                Math.round(box.width()), Math.round(box.height())),
                embedding(img, points), yaw(img, box), points.headTurn(), points.mouthOpening(), live(img, box));
    }

    private Landmarks landmarks(BufferedImage img, FaceBox box) throws OrtException {
        float x1 = box.x1();
        float y1 = box.y1();
        float w = box.width();
        float h = box.height();
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
        return new Landmarks(points);
    }

    /**
     * The 512-d embedding of the face aligned on the ArcFace template by its eyes, nose tip and mouth corners. The
     * alignment only turns, scales and shifts (a similarity, fitted by least squares): an exact affine on three points
     * also stretched and sheared, so a head tilted back (nose tip closer to the eyes) came out a different face.
     */
    private float[] embedding(BufferedImage img, Landmarks points) throws OrtException {
        AffineTransform toTemplate = similarity(points.alignmentPoints(), TEMPLATE);
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
    private double yaw(BufferedImage img, FaceBox box) throws OrtException {
        FaceBox wide = box.widenedByAQuarter(img.getWidth(), img.getHeight());
        float[] mean = { 0.485f, 0.456f, 0.406f };
        float[] std = { 0.229f, 0.224f, 0.225f };
        float[] input = Pixels.chw(Pixels.resize(img, wide.x1(), wide.y1(), wide.x2(), wide.y2(), 224, 224),
                Pixels.Order.RGB, v -> v / 255f, mean, std);
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
    private double live(BufferedImage img, FaceBox box) throws OrtException {
        FaceBox around = box.scaledWithin(2.7f, img.getWidth(), img.getHeight());
        // One bilinear step, as the package scales it: no labelled live and spoof photos here to validate a change.
        float[] input = Pixels.chw(Pixels.draw(img, around.x1(), around.y1(), around.x2(), around.y2(), 128, 128),
                Pixels.Order.RGB, v -> v, null, null);
        try (OnnxTensor t = tensor(input, 1, 3, 128, 128); OrtSession.Result r = liveness.run(Map.of("input", t))) {
            return softmax(((float[][]) r.get(0).getValue())[0])[1];
        }
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
}
