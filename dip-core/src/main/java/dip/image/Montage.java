package dip.image;

import java.util.List;

/** Images of the same size side by side with a white gap: before/after figures. */
public final class Montage {
    private Montage() {}

    public static Image sideBySide(List<Image> panels, int gap) {
        Image first = panels.get(0);
        int channels = panels.stream().mapToInt(Image::channels).max().orElse(1);
        int h = first.height();
        int w = first.width();
        for (Image p : panels) {
            if (p.height() != h || p.width() != w) {
                throw new IllegalArgumentException("panels differ in size: " + p.shape() + " vs " + first.shape());
            }
        }
        int total = panels.size() * w + (panels.size() - 1) * gap;
        Image out = Image.zeros(channels, h, total);
        java.util.Arrays.fill(out.data(), 1f);
        for (int i = 0; i < panels.size(); i++) {
            Image p = panels.get(i);
            int x0 = i * (w + gap);
            for (int c = 0; c < channels; c++) {
                int src = Math.min(c, p.channels() - 1); // grey panels repeat their one channel
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out.set(c, y, x0 + x, p.get(src, y, x));
                    }
                }
            }
        }
        return out;
    }
}
