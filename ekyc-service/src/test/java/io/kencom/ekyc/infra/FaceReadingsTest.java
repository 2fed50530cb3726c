package io.kencom.ekyc.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.domain.FaceReading;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FaceReadingsTest {

    @Test
    void a_reading_comes_back_whole() {
        FaceReading face = new FaceReading(new FaceReading.Box(1, 2, 30, 40), new float[] { 0.5f, -1.25f, 3f }, -12.5,
                0.31, 0.04, 0.97);

        FaceReading back = FaceReadings.fromBytes(FaceReadings.toBytes(face));

        assertThat(back.box()).isEqualTo(face.box());
        assertThat(back.embedding()).containsExactly(face.embedding());
        assertThat(back.yaw()).isEqualTo(face.yaw());
        assertThat(back.headTurn()).isEqualTo(face.headTurn());
        assertThat(back.mouthOpening()).isEqualTo(face.mouthOpening());
        assertThat(back.liveness()).isEqualTo(face.liveness());
        assertThat(back.similarity(face)).isCloseTo(1.0, Offset.offset(1e-9));
    }
}
