package dip.bench;

import dip.bench.BenchInputException.Problem;
import dip.bench.BenchTask.Method;
import dip.fit.FitResult;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.ImageReadException;
import dip.metric.Ssim;
import dip.restore.InputFile;
import dip.task.SuperResolve;
import dip.task.TaskSpec;
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
    /** The file the observation comes from (for SR: the HR it is made from), hashed for the provenance. */
    final InputFile source;

    private BenchCase(String name, BenchTask benchTask, Image groundTruth, Image observation, Path source) {
        this.name = name;
        this.benchTask = benchTask;
        this.groundTruth = groundTruth;
        this.observation = observation;
        // Not an "input" a rerun could read back as it is: the benchmark crops and downscales it first.
        this.source = InputFile.of(benchTask.superResolution() ? "bench ground truth" : "bench observation", source);
    }

    /**
     * Reads the files. With a centre crop, both images are cropped first (for SR the LR is then made from the
     * cropped HR). SR: HR cropped to a multiple of 32, LR = its 8-bit resize by 1/f with the downscaler.
     */
    static BenchCase load(BenchFolder.Entry e, BenchTask task, Integer crop, SuperResolve.Downscaler downscaler,
                          Consumer<String> notes) {
        Image gt = crop(read(e.groundTruth(), notes), crop, e.groundTruth());
        if (task.superResolution()) {
            Image hr;
            try {
                hr = SuperResolve.groundTruth(gt);
            } catch (IllegalArgumentException ex) {
                throw new BenchInputException(Problem.BAD_IMAGE, e.groundTruth() + ": " + ex.getMessage());
            }
            return new BenchCase(e.name(), task, hr, SuperResolve.simulate(hr, task.factor(), downscaler), e.groundTruth());
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
        return new BenchCase(e.name(), task, gt, obs, e.observation());
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

    /** What to restore: the observation as the task's data. */
    TaskSpec spec() {
        return switch (benchTask) {
            case SR4, SR8 -> TaskSpec.superResolve(observation, benchTask.factor());
            case DENOISE -> TaskSpec.denoise(observation);
            case INPAINT -> TaskSpec.restorePixels(observation);
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
                case BICUBIC -> dip.image.Resize.upscaleBicubic(observation, benchTask.factor());
                case NOISY -> observation;
            });
        }
        return out;
    }

    /** PSNR under the task's protocol ({@link dip.metric.Protocol}), of the output clamped to [0,1] (as saved). */
    double psnr(Image output) { return benchTask.protocol().psnr(output, groundTruth); }

    /** SSIM on the pixels the PSNR sees: the shaved luma for SR, the whole image otherwise. */
    double ssim(Image output) { return benchTask.protocol().ssim(output, groundTruth); }
}
