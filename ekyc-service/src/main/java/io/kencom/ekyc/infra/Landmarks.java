package io.kencom.ekyc.infra;

/** The 68 points (iBUG order) the landmark model finds on a face, in pixels, and what is read from them. */
record Landmarks(float[] xy) {

    float x(int point) {
        return xy[2 * point];
    }

    float y(int point) {
        return xy[2 * point + 1];
    }

    /** Inner lips: the gap between points 62 and 66 over the distance between the corners 60 and 64. */
    double mouthOpening() {
        double width = Math.hypot(x(64) - x(60), y(64) - y(60));
        double gap = Math.hypot(x(66) - x(62), y(66) - y(62));
        return width == 0 ? 0 : gap / width;
    }

    /**
     * Where the nose tip (30) sits between the jaw's ends (0 on the person's right, 16 on their left): 0 when it is in
     * the middle, towards +1 as the person turns to their own right. Steadier on these models than the pose model's
     * yaw (a mirrored photo flips its sign; the yaw did not always).
     */
    double headTurn() {
        double toRightJaw = Math.hypot(x(30) - x(0), y(30) - y(0));
        double toLeftJaw = Math.hypot(x(30) - x(16), y(30) - y(16));
        return toRightJaw + toLeftJaw == 0 ? 0 : (toLeftJaw - toRightJaw) / (toLeftJaw + toRightJaw);
    }

    /** The five points ArcFace aligns on: the eyes' centres, the nose tip, the mouth's corners. */
    double[][] alignmentPoints() {
        return new double[][] { mean(37, 38, 40, 41), mean(43, 44, 46, 47), { x(30), y(30) }, { x(48), y(48) },
                { x(54), y(54) } };
    }

    private double[] mean(int... points) {
        double mx = 0;
        double my = 0;
        for (int p : points) {
            mx += x(p);
            my += y(p);
        }
        return new double[] { mx / points.length, my / points.length };
    }
}
