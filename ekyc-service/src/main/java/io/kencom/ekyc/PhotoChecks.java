package io.kencom.ekyc;

import io.kencom.ekyc.domain.Challenge;
import io.kencom.ekyc.domain.DocumentFields;
import io.kencom.ekyc.domain.DocumentReader;
import io.kencom.ekyc.domain.DocumentSide;
import io.kencom.ekyc.domain.FaceMatch;
import io.kencom.ekyc.domain.FaceReader;
import io.kencom.ekyc.domain.FaceReading;
import io.kencom.ekyc.domain.PhotoQuality;
import io.kencom.ekyc.infra.EkycMeters;
import io.kencom.ekyc.infra.Images;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The photos of an application checked before anything of them is kept: decoded, judged for quality, read by the
 * face models and OCR. CPU work, blocking: the use cases run it on worker threads, outside any transaction.
 */
@ApplicationScoped
class PhotoChecks {

    /** A frontal selfie may turn the head less than this (see FaceReading#headTurn). */
    static final double FRONTAL_AT_MOST = 0.30;

    /** A document photo fit to keep; of the front, its portrait and what was read off it. */
    record DocumentPhoto(Images.Photo photo, FaceReading portrait, DocumentFields read) {
    }

    /**
     * A selfie of one face, its likeness ({@code match}) to the face it is compared with; of the challenge's, the
     * challenge judged — null when the face is clearly someone else's.
     */
    record Selfie(Images.Photo photo, FaceReading face, double match, Challenge.Result challenge) {
    }

    private final FaceReader faces;
    private final DocumentReader documents;
    private final FaceMatch.Lines lines;
    private final EkycMeters meters;

    PhotoChecks(FaceReader faces, DocumentReader documents, EkycMeters meters,
            @ConfigProperty(name = "kencom.ekyc.face.same-at") double sameAt,
            @ConfigProperty(name = "kencom.ekyc.face.different-below") double differentBelow) {
        this.faces = faces;
        this.documents = documents;
        this.meters = meters;
        this.lines = new FaceMatch.Lines(sameAt, differentBelow);
    }

    /** Where a likeness means the same person, and where clearly someone else. */
    FaceMatch.Lines lines() {
        return lines;
    }

    /** Steps 2–3: sharp, whole, without glare; the front must show a portrait. */
    DocumentPhoto document(DocumentSide side, byte[] bytes) {
        Images.Photo photo = read(bytes);
        List<PhotoQuality.Issue> issues = PhotoQuality.issues(PhotoQuality.measure(photo.pixels()));
        if (!issues.isEmpty()) {
            throw EkycProblems.photoQuality(issues);
        }
        if (side != DocumentSide.FRONT) {
            return new DocumentPhoto(photo, null, null);
        }
        List<FaceReading> found = faces.read(photo.pixels());
        if (found.isEmpty()) {
            throw EkycProblems.portraitNotFound();
        }
        return new DocumentPhoto(photo, found.get(0), documents.read(photo.pixels()));
    }

    /** Step 5a: one face, facing the camera with the mouth closed, and its likeness to the document's portrait. */
    Selfie front(byte[] bytes, FaceReading portrait) {
        return meters.timedFaceCheck(() -> frontChecked(bytes, portrait));
    }

    private Selfie frontChecked(byte[] bytes, FaceReading portrait) {
        Images.Photo photo = read(bytes);
        FaceReading selfie = onlyFace(photo);
        if (Math.abs(selfie.headTurn()) >= FRONTAL_AT_MOST) {
            throw EkycProblems.face("NOT_FRONTAL", "Face the camera");
        }
        if (selfie.mouthOpening() >= Challenge.MOUTH_OPEN_AT) {
            throw EkycProblems.face("MOUTH_OPEN", "Close the mouth");
        }
        return new Selfie(photo, selfie, selfie.similarity(portrait), null);
    }

    /** Step 5b: one face, its likeness to the front selfie, and the challenge judged unless it is someone else. */
    Selfie challenge(byte[] bytes, FaceReading frontFace, Challenge challenge) {
        return meters.timedFaceCheck(() -> {
            Images.Photo photo = read(bytes);
            FaceReading face = onlyFace(photo);
            double match = face.similarity(frontFace);
            return new Selfie(photo, face, match,
                    lines.of(match) == FaceMatch.DIFFERENT ? null : challenge.judge(frontFace, face));
        });
    }

    private FaceReading onlyFace(Images.Photo photo) {
        List<FaceReading> found = faces.read(photo.pixels());
        if (found.isEmpty()) {
            throw EkycProblems.face("NO_FACE", "No face was found; take the photo again");
        }
        if (found.size() > 1) {
            throw EkycProblems.face("MORE_THAN_ONE_FACE", "Only the member may be in the photo");
        }
        return found.get(0);
    }

    private static Images.Photo read(byte[] bytes) {
        try {
            return Images.read(bytes);
        } catch (Images.Refused e) {
            throw EkycProblems.image(e);
        }
    }
}
