package dip.bench;

import dip.bench.BenchInputException.Problem;
import dip.bench.BenchTask.Method;
import dip.bench.BenchTask.Protocol;
import dip.fit.FitResult;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.ImageReadException;
import dip.image.Mask;
import dip.image.Resize;
import dip.metric.Psnr;
import dip.metric.Ssim;
import dip.task.Denoise;
import dip.task.Inpaint;
import dip.task.SuperResolve;
import dip.task.Task;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One benchmark image ready to fit: ground truth and observation as the paper made them, and its evaluation
 * under the task's protocol.
 */
final class BenchCase {
    final String name;
    final BenchTask benchTask;
    /** What the output is compared with: for SR the HR cropped to a multiple of 32. */
    final Image groundTruth;
    /** The degraded input: the LR image, the noisy image, or the masked image. */
    final Image observation;

    private BenchCase(String name, BenchTask benchTask, Image groundTruth, Image observation) {
        this.name = name;
        this.benchTask = benchTask;
        this.groundTruth = groundTruth;
        this.observation = observation;
    }

    /**
     * Reads the files. With a centre crop, both images are cropped first (for SR the LR is then made from the
     * cropped HR). SR: HR cropped to a multiple of 32, LR = PIL-style Lanczos-3 resize by 1/f of the 8-bit HR.
     */
    static BenchCase load(BenchFolder.Entry e, BenchTask task, Integer crop, Consumer<String> notes) {
        Image gt = crop(read(e.groundTruth(), notes), crop, e.groundTruth());
        if (task.superResolution()) {
            Image hr;
            try {
                hr = Resize.cropToMultiple(gt, QualityConfig.SR_CROP_MULTIPLE);
            } catch (IllegalArgumentException ex) {
                throw new BenchInputException(Problem.BAD_IMAGE, e.groundTruth() + ": " + ex.getMessage());
            }
            return new BenchCase(e.name(), task, hr, Resize.downscaleLanczos3As8Bit(hr, task.factor()));
        }
        Image obs = crop(read(e.observation(), notes), crop, e.observation());
        if (!obs.sameShape(gt)) {
            throw new BenchInputException(Problem.BAD_IMAGE, e.observation() + " is " + obs.shape() + " but "
                    + e.groundTruth().getFileName() + " is " + gt.shape());
        }
        if (gt.height() < Ssim.WINDOW || gt.width() < Ssim.WINDOW) {
            throw new BenchInputException(Problem.BAD_IMAGE, e.groundTruth() + " is smaller than "
                    + Ssim.WINDOW + "x" + Ssim.WINDOW + " pixels, too small for SSIM");
        }
        return new BenchCase(e.name(), task, gt, obs);
    }

    private static Image read(Path file, Consumer<String> notes) {
        try {
            ImageFiles.ReadResult r = ImageFiles.read(file);
            r.warnings().forEach(notes);
            return r.image();
        } catch (ImageReadException ex) {
            throw new BenchInputException(Problem.BAD_IMAGE, ex.getMessage());
        }
    }

    private static Image crop(Image img, Integer size, Path file) {
        if (size == null) {
            return img;
        }
        if (img.height() < size || img.width() < size) {
            throw new BenchInputException(Problem.BAD_IMAGE, file + " is " + img.height() + "x" + img.width()
                    + ", smaller than the centre crop " + size + "x" + size);
        }
        return img.centreCrop(size);
    }

    /** The data term to fit (allocates native tensors: build it just before the fit). */
    Task task() {
        return switch (benchTask) {
            case SR4, SR8 -> new SuperResolve(observation, benchTask.factor());
            case DENOISE -> new Denoise(observation);
            case INPAINT -> new Inpaint(observation, Mask.fromZeros(observation));
        };
    }

    int pixels() { return groundTruth.pixels(); }

    /** Every image the task's methods evaluate, by method: the fit's outputs, bicubic, the noisy input, the stop study's. */
    Map<Method, Image> outputs(FitResult fit, StopStudy study) {
        Map<Method, Image> out = new LinkedHashMap<>();
        for (Method m : benchTask.methods()) {
            out.put(m, switch (m) {
                case DIP -> fit.output();
                case DIP_AVERAGE -> fit.average();
                case DIP_ORACLE -> study.oracleOutput();
                case DIP_AUTO_STOP -> study.stopOutput();
                case DIP_AUTO_STOP_AVERAGE -> study.stopAverage();
                case BICUBIC -> Resize.upscaleBicubic(observation, benchTask.factor());
                case NOISY -> observation;
            });
        }
        return out;
    }

    /** PSNR under the task's protocol, of the output clamped to [0,1] (as saved). */
    double psnr(Image output) {
        Image x = output.clamped();
        return benchTask.protocol() == Protocol.Y_SHAVE ? Psnr.yPsnrShaved(x, groundTruth) : Psnr.psnr(x, groundTruth);
    }

    /** SSIM on the pixels the PSNR sees: the shaved luma for SR, the whole image otherwise. */
    double ssim(Image output) {
        Image x = output.clamped();
        if (benchTask.protocol() == Protocol.Y_SHAVE) {
            return Ssim.ssim(shavedLuma(x), shavedLuma(groundTruth));
        }
        return Ssim.ssim(x, groundTruth);
    }

    private static Image shavedLuma(Image img) {
        int h = img.height() - Psnr.SHAVE_TOP_LEFT - Psnr.SHAVE_BOTTOM_RIGHT;
        int w = img.width() - Psnr.SHAVE_TOP_LEFT - Psnr.SHAVE_BOTTOM_RIGHT;
        return Psnr.luma(img).crop(Psnr.SHAVE_TOP_LEFT, Psnr.SHAVE_TOP_LEFT, h, w);
    }
}
