package dlkit.grader.api;

import dlkit.capstone.Dataset;
import dlkit.capstone.Split;
import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * One input of a hidden test, kept private so that neither the student nor the reference can
 * change what the other sees. The test hands the student {@link #student()} (a fresh deep copy,
 * remembered), the reference {@link #copy()} (another fresh deep copy), and after the student's
 * calls asks {@link #unchanged} whether every copy the student got still equals the original by
 * value; a change fails the test with a message that names the call, the input and the first
 * changed element.
 *
 * <pre>{@code
 * Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));
 * DMatrixRMaj y = student.forward(x.student());
 * DMatrixRMaj expected = reference.forward(x.copy());
 * x.unchanged("Dense.forward");
 * }</pre>
 *
 * <p>A student object that keeps what it was given (a layer keeps x for backward, an optimiser
 * its Parameters) keeps its own copy; the reference gets objects built from {@link #copy()}
 * (see {@link ToReference} for the kit's value types). Call {@link #unchanged} after the last
 * student call that could still reach a copy. Values are compared bit for bit: a NaN equals a
 * NaN, and 0.0 differs from -0.0.
 *
 * <p>Handles {@code DMatrixRMaj}, {@code double[]}, {@code int[]}, {@code double[][]},
 * {@link Parameter} (name, value, gradient, frozen), lists of Parameters, and the capstone's
 * {@link Dataset} and {@link Split}. The value given to {@code of} is copied at once, so the
 * caller may go on using it; nothing a Given hands out is ever its original.
 */
public final class Given<T> {

    private final String name;
    private final T original;
    private final Kind<T> kind;
    private final List<T> handedToStudent = new ArrayList<>();

    private Given(String name, T value, Kind<T> kind) {
        if (value == null) {
            throw new IllegalArgumentException("Given " + name + ": the value is null");
        }
        this.name = name;
        this.kind = kind;
        this.original = kind.copy(value);
    }

    public static Given<DMatrixRMaj> of(String name, DMatrixRMaj value) {
        return new Given<>(name, value, MATRIX);
    }

    public static Given<double[]> of(String name, double[] value) {
        return new Given<>(name, value, DOUBLES);
    }

    public static Given<int[]> of(String name, int[] value) {
        return new Given<>(name, value, INTS);
    }

    public static Given<double[][]> of(String name, double[][] value) {
        return new Given<>(name, value, DOUBLE_ROWS);
    }

    public static Given<Parameter> of(String name, Parameter value) {
        return new Given<>(name, value, PARAMETER);
    }

    /** A parameter with this value and gradient (both copied), not frozen. */
    public static Given<Parameter> parameter(String name, DMatrixRMaj value, DMatrixRMaj grad) {
        Parameter parameter = new Parameter(name, value.copy());
        parameter.grad().setTo(grad);
        return of(name, parameter);
    }

    public static Given<List<Parameter>> ofParameters(String name, List<Parameter> value) {
        return new Given<>(name, value, PARAMETERS);
    }

    public static Given<Dataset> of(String name, Dataset value) {
        return new Given<>(name, value, DATASET);
    }

    public static Given<Split> of(String name, Split value) {
        return new Given<>(name, value, SPLIT);
    }

    /** The input's name, as messages show it. */
    public String name() {
        return name;
    }

    /** A fresh deep copy for the student, remembered so that {@link #unchanged} can compare it. */
    public T student() {
        T copy = kind.copy(original);
        handedToStudent.add(copy);
        return copy;
    }

    /**
     * A fresh deep copy that is not watched: for the reference, or to compute what a known
     * mistake would give.
     */
    public T copy() {
        return kind.copy(original);
    }

    /**
     * Fails unless every copy handed out by {@link #student()} still equals the original by value,
     * with a message such as "Dense.forward modified its input x (at (2, 1): 0.0, was 1.37); it
     * must leave its inputs unchanged". Modifies nothing.
     *
     * @param call what the student was asked to do, such as {@code "Dense.forward"}
     */
    public void unchanged(String call) {
        for (T copy : handedToStudent) {
            Optional<String> change = kind.firstChange(original, copy);
            if (change.isPresent()) {
                throw new AssertionError(call + " modified its input " + name + " (" + change.get()
                        + "); it must leave its inputs unchanged");
            }
        }
    }

    /** {@link #unchanged} of each input, in order. */
    public static void unchanged(String call, Given<?>... inputs) {
        for (Given<?> input : inputs) {
            input.unchanged(call);
        }
    }

    /**
     * Fails, with {@link #unchanged}'s message, if {@code now} differs from {@code was}: for the
     * part of a student's object that a call must leave alone while it changes the rest (an
     * optimiser's step changes a parameter's value, never its gradient). Modifies nothing.
     *
     * @param name what {@code now} is, such as {@code "the gradient of w"}
     */
    public static void unchanged(String call, String name, DMatrixRMaj was, DMatrixRMaj now) {
        Optional<String> change = MATRIX.firstChange(was, now);
        if (change.isPresent()) {
            throw new AssertionError(call + " modified its input " + name + " (" + change.get()
                    + "); it must leave its inputs unchanged");
        }
    }

    /** How to deep-copy one type of value and find the first difference between two of them. */
    private interface Kind<T> {
        T copy(T value);

        /** Where {@code now} differs from {@code was}, said as "at (2, 1): 0.0, was 1.37", or empty. */
        Optional<String> firstChange(T was, T now);
    }

    private static final Kind<DMatrixRMaj> MATRIX = new Kind<>() {
        @Override
        public DMatrixRMaj copy(DMatrixRMaj value) {
            return value.copy();
        }

        @Override
        public Optional<String> firstChange(DMatrixRMaj was, DMatrixRMaj now) {
            if (now.numRows != was.numRows || now.numCols != was.numCols) {
                return Optional.of("its shape is now (" + now.numRows + ", " + now.numCols + "), was ("
                        + was.numRows + ", " + was.numCols + ")");
            }
            for (int i = 0; i < was.getNumElements(); i++) {
                if (differ(now.data[i], was.data[i])) {
                    return Optional.of("at (" + i / was.numCols + ", " + i % was.numCols + "): " + now.data[i]
                            + ", was " + was.data[i]);
                }
            }
            return Optional.empty();
        }
    };

    private static final Kind<double[]> DOUBLES = new Kind<>() {
        @Override
        public double[] copy(double[] value) {
            return value.clone();
        }

        @Override
        public Optional<String> firstChange(double[] was, double[] now) {
            if (now.length != was.length) {
                return Optional.of("its length is now " + now.length + ", was " + was.length);
            }
            for (int i = 0; i < was.length; i++) {
                if (differ(now[i], was[i])) {
                    return Optional.of("at [" + i + "]: " + now[i] + ", was " + was[i]);
                }
            }
            return Optional.empty();
        }
    };

    private static final Kind<int[]> INTS = new Kind<>() {
        @Override
        public int[] copy(int[] value) {
            return value.clone();
        }

        @Override
        public Optional<String> firstChange(int[] was, int[] now) {
            if (now.length != was.length) {
                return Optional.of("its length is now " + now.length + ", was " + was.length);
            }
            for (int i = 0; i < was.length; i++) {
                if (now[i] != was[i]) {
                    return Optional.of("at [" + i + "]: " + now[i] + ", was " + was[i]);
                }
            }
            return Optional.empty();
        }
    };

    private static final Kind<double[][]> DOUBLE_ROWS = new Kind<>() {
        @Override
        public double[][] copy(double[][] value) {
            double[][] copy = new double[value.length][];
            for (int i = 0; i < value.length; i++) {
                copy[i] = value[i] == null ? null : value[i].clone();
            }
            return copy;
        }

        @Override
        public Optional<String> firstChange(double[][] was, double[][] now) {
            if (now.length != was.length) {
                return Optional.of("its number of rows is now " + now.length + ", was " + was.length);
            }
            for (int i = 0; i < was.length; i++) {
                if (was[i] == null || now[i] == null) {
                    if (was[i] != now[i]) {
                        return Optional.of("row [" + i + "] is now " + (now[i] == null ? "null" : "an array")
                                + ", was " + (was[i] == null ? "null" : "an array"));
                    }
                    continue;
                }
                Optional<String> change = DOUBLES.firstChange(was[i], now[i]);
                if (change.isPresent()) {
                    return Optional.of("row [" + i + "] " + change.get());
                }
            }
            return Optional.empty();
        }
    };

    private static final Kind<Parameter> PARAMETER = new Kind<>() {
        @Override
        public Parameter copy(Parameter value) {
            Parameter copy = new Parameter(value.name(), value.value().copy());
            copy.grad().setTo(value.grad());
            copy.setFrozen(value.isFrozen());
            return copy;
        }

        @Override
        public Optional<String> firstChange(Parameter was, Parameter now) {
            if (!now.name().equals(was.name())) {
                return Optional.of("its name is now " + now.name() + ", was " + was.name());
            }
            if (now.isFrozen() != was.isFrozen()) {
                return Optional.of("it is now " + (now.isFrozen() ? "frozen" : "not frozen") + ", was "
                        + (was.isFrozen() ? "frozen" : "not frozen"));
            }
            return MATRIX.firstChange(was.value(), now.value()).map(change -> "its value " + change)
                    .or(() -> MATRIX.firstChange(was.grad(), now.grad()).map(change -> "its gradient " + change));
        }
    };

    private static final Kind<List<Parameter>> PARAMETERS = new Kind<>() {
        @Override
        public List<Parameter> copy(List<Parameter> value) {
            List<Parameter> copy = new ArrayList<>();
            for (Parameter parameter : value) {
                copy.add(PARAMETER.copy(parameter));
            }
            return copy;
        }

        @Override
        public Optional<String> firstChange(List<Parameter> was, List<Parameter> now) {
            if (now.size() != was.size()) {
                return Optional.of("it now holds " + now.size() + " parameters, was " + was.size());
            }
            for (int i = 0; i < was.size(); i++) {
                int index = i;
                Optional<String> change = PARAMETER.firstChange(was.get(i), now.get(i));
                if (change.isPresent()) {
                    return change.map(c -> "parameter " + index + " (" + was.get(index).name() + "): " + c);
                }
            }
            return Optional.empty();
        }
    };

    private static final Kind<Dataset> DATASET = new Kind<>() {
        @Override
        public Dataset copy(Dataset value) {
            return value == null ? null : new Dataset(value.x().copy(), value.labels().clone());
        }

        @Override
        public Optional<String> firstChange(Dataset was, Dataset now) {
            if (was == null || now == null) {
                return was == now ? Optional.empty() : Optional.of("it is now " + (now == null ? "null" : "a data set")
                        + ", was " + (was == null ? "null" : "a data set"));
            }
            return MATRIX.firstChange(was.x(), now.x()).map(change -> "x " + change)
                    .or(() -> INTS.firstChange(was.labels(), now.labels()).map(change -> "labels " + change));
        }
    };

    private static final Kind<Split> SPLIT = new Kind<>() {
        @Override
        public Split copy(Split value) {
            return new Split(DATASET.copy(value.train()), DATASET.copy(value.validation()),
                    DATASET.copy(value.test()));
        }

        @Override
        public Optional<String> firstChange(Split was, Split now) {
            return DATASET.firstChange(was.train(), now.train()).map(change -> "its training part: " + change)
                    .or(() -> DATASET.firstChange(was.validation(), now.validation())
                            .map(change -> "its validation part: " + change))
                    .or(() -> DATASET.firstChange(was.test(), now.test()).map(change -> "its test part: " + change));
        }
    };

    /** Bit for bit, so that a NaN equals a NaN and a changed sign of zero counts. */
    private static boolean differ(double a, double b) {
        return Double.doubleToLongBits(a) != Double.doubleToLongBits(b);
    }
}
