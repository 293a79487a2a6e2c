import dip.engine.Engine;
import dip.engine.Owner;
import dip.engine.Precision;
import dip.engine.Scope;
import dip.fit.FitSettings;
import dip.fit.Fitter;
import dip.fit.LrSchedule;
import dip.image.Image;
import dip.image.ImageFiles;
import dip.image.Resize;
import dip.net.Net;
import dip.prior.DeepPrior;
import dip.restore.NetSpec;
import dip.task.Task;
import dip.task.TaskSpec;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The coarse-to-fine warm start measured in docs/DESIGN.md ("Fewer iterations"): denoising a clean image with Gaussian
 * noise added (seed 0, as --add-noise), the net first fitted for K iterations to the noisy image downscaled by 2
 * (Lanczos-3) with its own z, then, with the same weights, for N iterations to the full-size noisy image with a fresh z
 * (K = 0: the plain fit). The denoising recipe otherwise (lr 0.01, σp 1/30, average 0.99, backtracking at 5 dB), bf16,
 * 2 threads, a fixed count. Writes the PSNR of the output and the average every 50 iterations of each stage, with the
 * seconds since the start. Not part of the build; run from the repository root after `mvn -q -DskipTests package`:
 *
 * <pre>
 * java -cp "dip-cli/target/dip-cli-0.1.0-SNAPSHOT.jar:dip-cli/target/lib/*" scripts/experiments/CoarseToFine.java \
 *     CLEAN.png SIGMA K N PRESET OUT.csv
 * </pre>
 */
public class CoarseToFine {
    public static void main(String[] a) throws Exception {
        Path clean = Path.of(a[0]);
        double sigma = Double.parseDouble(a[1]) / 255;
        int k = Integer.parseInt(a[2]);
        int n = Integer.parseInt(a[3]);
        String preset = a[4];
        double reg = 1.0 / 30;
        Engine.init(2);
        Image gt = ImageFiles.read(clean).image();
        Image noisy = TaskSpec.denoise(gt).withAddedNoise(sigma).observation(0);
        Image noisySmall = Resize.downscaleLanczos3(noisy, 2);
        Image gtSmall = Resize.downscaleLanczos3(gt, 2);
        long t0 = System.nanoTime();
        try (PrintWriter log = new PrintWriter(a[5]); Owner own = new Owner(); Scope s = new Scope()) {
            log.println("stage,iteration,psnr_output,psnr_average,seconds");
            Engine.seed(0);
            NetSpec spec = NetSpec.preset(preset);
            Net net = spec.build(3);
            if (k > 0) {
                Task coarse = TaskSpec.denoise(noisySmall).task(0);
                DeepPrior prior = new DeepPrior(net, spec.input(), reg, noisySmall.height(), noisySmall.width(), Precision.BF16);
                new Fitter().fit(coarse, prior, new FitSettings(k, 0.01, reg, 0, 0.99, 5.0, 1, LrSchedule.CONSTANT, 0), gtSmall, p -> {
                    if (p.iteration() % 50 == 0) {
                        log.printf("coarse,%d,%.4f,%.4f,%.3f%n", p.iteration(), p.psnrOutput(), p.psnrAverage(), (System.nanoTime() - t0) / 1e9);
                    }
                });
            }
            Task fine = TaskSpec.denoise(noisy).task(0);
            DeepPrior prior = new DeepPrior(net, spec.input(), reg, noisy.height(), noisy.width(), Precision.BF16);
            new Fitter().fit(fine, prior, new FitSettings(n, 0.01, reg, 0, 0.99, 5.0, 1, LrSchedule.CONSTANT, 0), gt, p -> {
                if (p.iteration() % 50 == 0) {
                    log.printf("fine,%d,%.4f,%.4f,%.3f%n", p.iteration(), p.psnrOutput(), p.psnrAverage(), (System.nanoTime() - t0) / 1e9);
                    log.flush();
                }
            });
        }
    }
}
