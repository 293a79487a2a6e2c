package dip.cli;

import dip.image.Image;
import dip.image.ImageFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** A row of same-size panels with a caption under each, like the paper's comparison figures. */
final class Figure {
    private static final int GAP = 6;

    private Figure() {}

    static void write(List<Image> panels, List<String> captions, Path file) {
        int h = panels.get(0).height();
        int w = panels.get(0).width();
        int fontSize = Math.max(11, Math.min(18, w / 12));
        int captionHeight = fontSize * 2;
        int total = panels.size() * w + (panels.size() + 1) * GAP;
        BufferedImage bi = new BufferedImage(total, h + captionHeight + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = bi.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, bi.getWidth(), bi.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < panels.size(); i++) {
            Image p = panels.get(i).clamped();
            int x0 = GAP + i * (w + GAP);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = Math.round(p.get(0, y, x) * 255);
                    int gr = Math.round(p.get(Math.min(1, p.channels() - 1), y, x) * 255);
                    int b = Math.round(p.get(Math.min(2, p.channels() - 1), y, x) * 255);
                    bi.setRGB(x0 + x, GAP + y, (r << 16) | (gr << 8) | b);
                }
            }
            String c = captions.get(i);
            g.drawString(c, x0 + Math.max(0, (w - fm.stringWidth(c)) / 2), GAP + h + fm.getAscent() + fontSize / 3);
        }
        g.dispose();
        ImageFiles.write(ImageFiles.fromBufferedImage(bi), file, 8);
    }
}
