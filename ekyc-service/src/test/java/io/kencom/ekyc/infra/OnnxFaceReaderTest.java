package io.kencom.ekyc.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.domain.Challenge;
import io.kencom.ekyc.domain.FaceMatch;
import io.kencom.ekyc.domain.FaceReading;
import io.kencom.ekyc.testing.Cards;
import io.kencom.ekyc.testing.FaceLines;
import io.kencom.ekyc.testing.Photos;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The bundled models on the real test photos (src/test/resources/faces): the configured face match lines hold. */
class OnnxFaceReaderTest {

    private static final OnnxFaceReader READER = new OnnxFaceReader();
    private static final FaceMatch.Lines LINES = FaceLines.configured();

    @AfterAll
    static void close() throws Exception {
        READER.close();
    }

    private static FaceReading face(BufferedImage img) {
        List<FaceReading> faces = READER.read(img);
        assertThat(faces).isNotEmpty();
        return faces.get(0);
    }

    /** The four people of the grid, each cut out. */
    private static List<FaceReading> gridPeople() {
        BufferedImage grid = Photos.load("four-people-grid.jpg");
        List<FaceReading> people = new ArrayList<>();
        for (int[] cell : new int[][] { { 0, 0 }, { 100, 0 }, { 0, 100 }, { 100, 100 } }) {
            people.add(face(grid.getSubimage(cell[0], cell[1], 100, 100)));
        }
        return people;
    }

    @Test
    void finds_one_face_per_person_and_none_on_a_card_back() {
        assertThat(READER.read(Photos.load("person-c.jpg"))).hasSize(1);
        assertThat(READER.read(Photos.load("four-people-grid.jpg"))).hasSize(4);
        assertThat(READER.read(Photos.load("small-face-broadcast.jpg"))).hasSize(1);
        assertThat(READER.read(Cards.back())).isEmpty();
    }

    @Test
    void the_face_boxes_the_tests_rely_on_are_where_the_models_find_the_faces() {
        for (String name : List.of("person-a-webcam-1.jpg", "person-a-webcam-2.jpg")) {
            assertThat(face(Photos.load(name)).box()).as(name).isEqualTo(Photos.faceBox(name));
        }
    }

    @Test
    void the_same_person_in_two_webcam_frames_matches() {
        double similarity = face(Photos.load("person-a-webcam-1.jpg"))
                .similarity(face(Photos.load("person-a-webcam-2.jpg")));

        assertThat(similarity).isGreaterThanOrEqualTo(LINES.sameAt());
        assertThat(LINES.of(similarity)).isEqualTo(FaceMatch.SAME);
    }

    @Test
    void the_same_person_under_other_lighting_matches() {
        List<FaceReading> lightings = READER.read(Photos.load("person-b-lighting-grid.jpg"));

        assertThat(lightings).hasSizeGreaterThanOrEqualTo(2);
        assertThat(LINES.of(lightings.get(0).similarity(lightings.get(1)))).isEqualTo(FaceMatch.SAME);
    }

    @Test
    void a_selfie_matches_the_portrait_printed_on_the_card() {
        FaceReading portrait = face(Cards.sharp(Photos.portrait("person-a-webcam-1.jpg")));
        FaceReading selfie = face(Photos.load("person-a-webcam-2.jpg"));

        assertThat(LINES.of(portrait.similarity(selfie))).isEqualTo(FaceMatch.SAME);
    }

    @Test
    void different_people_never_match_and_stay_below_the_refusal_line() {
        List<FaceReading> people = new ArrayList<>(gridPeople());
        people.add(face(Photos.load("person-a-webcam-1.jpg")));
        people.add(face(Photos.load("person-c.jpg")));
        people.add(face(Photos.load("painting.jpg")));
        double highest = -1;
        for (int i = 0; i < people.size(); i++) {
            for (int j = i + 1; j < people.size(); j++) {
                highest = Math.max(highest, people.get(i).similarity(people.get(j)));
            }
        }

        assertThat(highest).isLessThan(LINES.differentBelow());
    }

    @Test
    void a_mirrored_photo_turns_the_head_the_other_way() {
        FaceReading painting = face(Photos.load("painting.jpg"));
        FaceReading mirrored = face(Photos.mirrored(Photos.load("painting.jpg")));

        assertThat(painting.headTurn()).isPositive();
        assertThat(mirrored.headTurn()).isNegative();
        assertThat(painting.similarity(mirrored)).isGreaterThan(LINES.sameAt());
    }

    @Test
    void an_open_mouth_is_not_read_in_closed_mouth_photos() {
        assertThat(face(Photos.load("person-c.jpg")).mouthOpening()).isLessThan(0.10);
        assertThat(face(Photos.load("person-a-webcam-1.jpg")).mouthOpening()).isLessThan(0.10);
    }

    /**
     * The test photos hold no turned head: a frontal selfie is turned by a cylinder warp (Photos.turned), a stand-in
     * that the real models then read. Mirroring it gives the other direction.
     */
    @Test
    void a_head_turned_to_the_left_meets_a_left_challenge_and_its_mirror_a_right_one() {
        BufferedImage selfie = Photos.load("person-a-webcam-2.jpg");
        FaceReading front = face(selfie);
        BufferedImage turnedLeft = Photos.turnedLeft(selfie, front.box());

        Challenge.Result left = new Challenge(Challenge.Turn.LEFT, Challenge.Mouth.CLOSED).judge(front, face(turnedLeft));
        Challenge.Result right = new Challenge(Challenge.Turn.RIGHT, Challenge.Mouth.CLOSED)
                .judge(front, face(Photos.mirrored(turnedLeft)));
        Challenge.Result frontalForRight = new Challenge(Challenge.Turn.RIGHT, Challenge.Mouth.CLOSED)
                .judge(front, face(selfie));

        assertThat(left.outcome()).isEqualTo(Challenge.Outcome.MET);
        assertThat(right.outcome()).isEqualTo(Challenge.Outcome.MET);
        assertThat(frontalForRight.outcome()).isEqualTo(Challenge.Outcome.NOT_MET);
        assertThat(LINES.of(front.similarity(face(turnedLeft)))).isEqualTo(FaceMatch.SAME);
    }
}
