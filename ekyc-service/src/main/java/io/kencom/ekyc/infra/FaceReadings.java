package io.kencom.ekyc.infra;

import io.kencom.ekyc.domain.FaceReading;
import java.nio.ByteBuffer;

/** A face reading as bytes (to be sealed and stored beside its photo), and back. */
public final class FaceReadings {

    private FaceReadings() {
    }

    public static byte[] toBytes(FaceReading f) {
        ByteBuffer b = ByteBuffer.allocate(4 * 4 + 4 * 8 + 4 + 4 * f.embedding().length);
        b.putInt(f.box().x()).putInt(f.box().y()).putInt(f.box().width()).putInt(f.box().height());
        b.putDouble(f.yaw()).putDouble(f.headTurn()).putDouble(f.mouthOpening()).putDouble(f.liveness());
        b.putInt(f.embedding().length);
        for (float v : f.embedding()) {
            b.putFloat(v);
        }
        return b.array();
    }

    public static FaceReading fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        FaceReading.Box box = new FaceReading.Box(b.getInt(), b.getInt(), b.getInt(), b.getInt());
        double yaw = b.getDouble();
        double headTurn = b.getDouble();
        double mouth = b.getDouble();
        double liveness = b.getDouble();
        float[] embedding = new float[b.getInt()];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = b.getFloat();
        }
        return new FaceReading(box, embedding, yaw, headTurn, mouth, liveness);
    }
}
