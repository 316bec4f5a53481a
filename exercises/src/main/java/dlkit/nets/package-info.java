/**
 * Types of networks, forward only: a 2-D convolution ({@link dlkit.nets.Conv2d}), a vanilla
 * recurrent network ({@link dlkit.nets.VanillaRnn}) and scaled dot-product attention
 * ({@link dlkit.nets.ScaledDotProductAttention}). Each follows PyTorch's computation and says how
 * its data maps to PyTorch's tensors; golden values from PyTorch check all three.
 */
package dlkit.nets;
