package dip.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PaddingTest {
    @Test
    void paddedSize() {
        assertEquals(64, Padding.paddedSize(37, 32));
        assertEquals(64, Padding.paddedSize(64, 32));
        assertEquals(32, Padding.paddedSize(1, 32));
        assertEquals(7, Padding.paddedSize(7, 1));
        assertThrows(IllegalArgumentException.class, () -> Padding.paddedSize(0, 32));
    }

    @Test
    void reflectsLikePyTorch() {
        Image row = new Image(1, 1, 3, new float[] {1, 2, 3});
        assertArrayEquals(new float[] {3, 2, 1, 2, 3}, Padding.reflectPad(row, 0, 2, 0, 0).data());
        assertArrayEquals(new float[] {1, 2, 3, 2, 1}, Padding.reflectPad(row, 0, 0, 0, 2).data());
        // torch.nn.ReflectionPad2d((1,1,1,1)) of [[1,2],[3,4]] (values checked by hand)
        Image sq = new Image(1, 2, 2, new float[] {1, 2, 3, 4});
        assertArrayEquals(new float[] {
            4, 3, 4, 3,
            2, 1, 2, 1,
            4, 3, 4, 3,
            2, 1, 2, 1}, Padding.reflectPad(sq, 1, 1, 1, 1).data());
    }

    @Test
    void largePadsReflectRepeatedly() {
        Image row = new Image(1, 1, 3, new float[] {1, 2, 3});
        // … 3 2 | 1 2 3 | 2 1 2 3 2 1 …
        assertArrayEquals(new float[] {1, 2, 3, 2, 1, 2, 3, 2}, Padding.reflectPad(row, 0, 0, 0, 5).data());
        assertArrayEquals(new float[] {2, 1, 2, 3, 2, 1, 2, 3}, Padding.reflectPad(row, 0, 5, 0, 0).data());
        Image one = new Image(1, 1, 1, new float[] {9});
        assertArrayEquals(new float[] {9, 9, 9, 9}, Padding.reflectPad(one, 0, 1, 0, 2).data()); // nothing to mirror
    }

    @Test
    void roundTripOddSizes() {
        for (int[] shape : new int[][] {{1, 37, 53}, {3, 5, 7}, {3, 1, 2}}) {
            Image img = TestImages.randomLevels(shape[0], shape[1], shape[2], 255, shape[1]);
            Padding.Padded p = Padding.padToMultiple(img, 32);
            assertEquals(Padding.paddedSize(shape[1], 32), p.image().height());
            assertEquals(Padding.paddedSize(shape[2], 32), p.image().width());
            assertEquals(img, p.cropBack(p.image()));
            assertEquals(img, Padding.cropBack(p.image(), p.top(), p.left(), img.height(), img.width()));
        }
    }

    @Test
    void negativePadRejected() {
        Image img = Image.zeros(1, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> Padding.reflectPad(img, -1, 0, 0, 0));
    }
}
