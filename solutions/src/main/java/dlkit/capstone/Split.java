package dlkit.capstone;

/**
 * A data set cut in three disjoint parts: {@code train} to fit the parameters (and any
 * statistics, such as the standardisation's mean and standard deviation), {@code validation} to
 * choose when to stop and which settings to keep, {@code test} touched once, at the end, to
 * report the accuracy. Anything fitted on the test part, even a mean, makes the test accuracy
 * an optimistic guess rather than a measurement. So {@code DigitClassifier.train} and
 * {@code fit} take the training and validation parts only, never the test part.
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

    /** Each part restricted to classes {@code from..to}, renumbered from 0 (see {@link Dataset#onlyClasses}). */
    public Split onlyClasses(int from, int to) {
        return new Split(train.onlyClasses(from, to), validation.onlyClasses(from, to), test.onlyClasses(from, to));
    }
}
