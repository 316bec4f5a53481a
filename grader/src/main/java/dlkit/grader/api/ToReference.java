package dlkit.grader.api;

import dlkit.capstone.Dataset;
import dlkit.capstone.Split;
import dlkit.core.Parameter;
import java.util.List;

/**
 * The reference's own objects for the kit's value types: the reference solution is relocated to
 * {@code dlkit.reference.*}, so its methods take {@code dlkit.reference.core.Parameter} where the
 * student's take {@code dlkit.core.Parameter}. Each method builds deep copies of the values; the
 * argument is not modified and shares nothing with the result. Pass it {@link Given#copy()}.
 */
public final class ToReference {

    private ToReference() {}

    /** The same name, value, gradient and frozen flag. */
    public static dlkit.reference.core.Parameter parameter(Parameter p) {
        var copy = new dlkit.reference.core.Parameter(p.name(), p.value().copy());
        copy.grad().setTo(p.grad());
        copy.setFrozen(p.isFrozen());
        return copy;
    }

    /** {@link #parameter} of each, in order, in a new list. */
    public static List<dlkit.reference.core.Parameter> parameters(List<Parameter> parameters) {
        return parameters.stream().map(ToReference::parameter).toList();
    }

    /** The same samples and labels; null stays null. */
    public static dlkit.reference.capstone.Dataset dataset(Dataset data) {
        return data == null ? null : new dlkit.reference.capstone.Dataset(data.x().copy(), data.labels().clone());
    }

    /** The same three parts; a null part stays null. */
    public static dlkit.reference.capstone.Split split(Split split) {
        return new dlkit.reference.capstone.Split(dataset(split.train()), dataset(split.validation()),
                dataset(split.test()));
    }
}
