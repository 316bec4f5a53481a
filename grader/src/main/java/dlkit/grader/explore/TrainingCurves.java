package dlkit.grader.explore;

import dlkit.grader.report.HtmlReport.Figure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training curves: loss and accuracy per epoch, on the training and the validation data, as two
 * PNGs. Generic on purpose: it takes per-epoch series, whatever trained the model.
 *
 * <p>Hook for the capstone ({@code dlkit.capstone.DigitClassifier}, whose {@code History} record
 * holds exactly these lists and {@code bestEpoch}): once it is part of the kit, train the
 * student's classifier in the sandboxed JVM as {@link PathsMain} traces optimisers (a main
 * class of the grader that calls the student's {@code DigitClassifier.train} with a fixed seed
 * and writes the History's lists as numbers to its output file), read them back as
 * {@link Epochs}, and pass them to {@link #write}; {@code GradeCommand} and {@code ExploreCommand}
 * then show them under the heading "Training curves", as they do the optimiser paths.
 */
public final class TrainingCurves {

    private TrainingCurves() {}

    /**
     * One training run, one entry per epoch in each list (epoch 0 first).
     *
     * @param bestEpoch the epoch whose weights were kept (early stopping), or -1
     */
    public record Epochs(List<Double> trainLoss, List<Double> trainAccuracy, List<Double> validationLoss,
                         List<Double> validationAccuracy, int bestEpoch) {}

    /** Writes {@code prefix}-loss.png and {@code prefix}-accuracy.png into {@code folder}; returns their figures. */
    public static List<Figure> write(Epochs run, String title, String prefix, Path folder) throws IOException {
        Files.createDirectories(folder);
        Map<String, List<Double>> loss = new LinkedHashMap<>();
        loss.put("training", run.trainLoss());
        loss.put("validation", run.validationLoss());
        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        accuracy.put("training", run.trainAccuracy());
        accuracy.put("validation", run.validationAccuracy());
        String lossFile = prefix + "-loss.png";
        String accuracyFile = prefix + "-accuracy.png";
        Files.write(folder.resolve(lossFile), Plots.perEpoch(title + ": loss", "cross-entropy", loss, run.bestEpoch()));
        Files.write(folder.resolve(accuracyFile), Plots.perEpoch(title + ": accuracy", "accuracy", accuracy, run.bestEpoch()));
        String best = run.bestEpoch() < 0 ? "" : " The green line marks the epoch whose weights were kept.";
        return List.of(
                new Figure(lossFile, title + ": training and validation loss per epoch",
                        "Loss per epoch. Validation loss rising while training loss falls is overfitting." + best),
                new Figure(accuracyFile, title + ": training and validation accuracy per epoch",
                        "Accuracy per epoch, on the training batches and on the validation data." + best));
    }
}
