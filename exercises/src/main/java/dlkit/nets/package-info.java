/**
 * Types of networks beyond the feedforward one, each trained or differentiated: a 2-D
 * convolution with its backward pass ({@link dlkit.nets.Conv2d}), max pooling
 * ({@link dlkit.nets.MaxPool2d}) and a small CNN trained on the digits ({@link dlkit.nets.DigitCnn});
 * recurrent networks trained through time ({@link dlkit.nets.VanillaRnn} with backpropagation
 * through time, {@link dlkit.nets.Lstm} and {@link dlkit.nets.Gru} cells in PyTorch's layout,
 * {@link dlkit.nets.SequenceRecall} training with gradient clipping); attention
 * ({@link dlkit.nets.ScaledDotProductAttention}, {@link dlkit.nets.MultiHeadAttention}) and a
 * Transformer encoder block ({@link dlkit.nets.TransformerEncoderBlock},
 * {@link dlkit.nets.SinusoidalPositions}). Each follows PyTorch's computation and says how its
 * data maps to PyTorch's tensors; golden values from PyTorch check them.
 */
package dlkit.nets;
