package dlkit.losses;

import org.ejml.data.DMatrixRMaj;

/**
 * What a loss function returns: the loss, a single number, and its gradient with respect to the
 * loss's input (the scores or predictions), of the input's shape.
 */
public record LossAndGradient(double loss, DMatrixRMaj gradient) {}
