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
 * PNGs. Generic on purpose: it takes per-epoch series, whatever trained the model. The capstone's
 * ({@code DigitClassifier}) come from {@link StudentCurves}.
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

    /**
     * Writes {@code prefix}-loss.png and {@code prefix}-accuracy.png into {@code folder}; returns
     * their figures, each caption followed by {@code note}.
     *
     * @param comparison another run whose validation curves are drawn as thin grey lines, or null
     */
    public static List<Figure> write(Epochs run, Epochs comparison, String title, String prefix, Path folder, String note)
            throws IOException {
        Files.createDirectories(folder);
        Map<String, List<Double>> loss = new LinkedHashMap<>();
        loss.put("training", run.trainLoss());
        loss.put("validation", run.validationLoss());
        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        accuracy.put("training", run.trainAccuracy());
        accuracy.put("validation", run.validationAccuracy());
        Map<String, List<Double>> lossThin = comparison == null ? Map.of() : Map.of("reference validation", comparison.validationLoss());
        Map<String, List<Double>> accuracyThin = comparison == null ? Map.of()
                : Map.of("reference validation", comparison.validationAccuracy());
        String lossFile = prefix + "-loss.png";
        String accuracyFile = prefix + "-accuracy.png";
        Files.write(folder.resolve(lossFile), Plots.perEpoch(title + ": loss", "cross-entropy", loss, lossThin, run.bestEpoch()));
        Files.write(folder.resolve(accuracyFile),
                Plots.perEpoch(title + ": accuracy", "accuracy", accuracy, accuracyThin, run.bestEpoch()));
        String best = run.bestEpoch() < 0 ? "" : " The green line marks the epoch whose weights were kept.";
        String more = note.isEmpty() ? "" : " " + note;
        return List.of(
                new Figure(lossFile, title + ": training and validation loss per epoch",
                        "Loss per epoch. Validation loss rising while training loss falls is overfitting." + best + more),
                new Figure(accuracyFile, title + ": training and validation accuracy per epoch",
                        "Accuracy per epoch, on the training batches (dropout on) and on the validation data." + best + more));
    }
}
