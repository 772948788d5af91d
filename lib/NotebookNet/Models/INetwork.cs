using NotebookNet.Data;

namespace NotebookNet.Models;

/// <summary>
/// What the trainer needs of a float32 network: one SGD step on a mini-batch, evaluation, prediction.
/// The network never trains itself; <see cref="Training.Trainer"/> owns the loop.
/// </summary>
public interface INetwork
{
    /// <summary>Input dimensions d.</summary>
    int Dimensions { get; }
    /// <summary>Number of classes K.</summary>
    int Classes { get; }

    /// <summary>
    /// Forward and backward on the mini-batch X (n, d) row-major with labels y, then one SGD step
    /// W ← W − η(∂L/∂W + 2λW), b ← b − η ∂L/∂b. Returns the batch's mean cross-entropy (before the step).
    /// Its float64 reference is <see cref="Reference.IReferenceModel.TrainStep"/>, beside the reference gradients.
    /// </summary>
    /// <param name="x">The mini-batch X (n, d), row-major.</param>
    /// <param name="y">Its labels.</param>
    /// <param name="n">Samples in the batch.</param>
    /// <param name="eta">η.</param>
    /// <param name="lambda">λ.</param>
    /// <param name="random">
    /// The stream a network with dropout draws its masks from; <see cref="Training.Trainer"/> passes one seeded by
    /// <see cref="Training.TrainingOptions.Seed"/>. Networks without dropout ignore it.
    /// </param>
    double TrainStep(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n, float eta, float lambda,
        FastRandom? random = null);

    /// <summary>Loss, cost and accuracy on a whole set.</summary>
    Evaluation Evaluate(LabeledSet set, double lambda);

    /// <summary>Class probabilities P (n, K) row-major for every sample of the set.</summary>
    float[] Probabilities(LabeledSet set);

    /// <summary>λ‖W‖² summed over the weight matrices (not the biases).</summary>
    double Regularisation(double lambda);

    /// <summary>True when every parameter is finite.</summary>
    bool IsFinite();

    /// <summary>
    /// A deep copy: the parameters and settings (e.g. dropout); workspaces are not shared, and there is no random
    /// state to copy (a training step's masks come from the stream passed to it).
    /// </summary>
    INetwork Clone();

    /// <summary>
    /// <see cref="Evaluate"/> on the first <paramref name="count"/> samples of <paramref name="set"/> (all when
    /// count ≥ n), the same values as on a copy of them. The built-in networks read them in place; this default
    /// evaluates a copy.
    /// </summary>
    internal Evaluation EvaluateFirst(LabeledSet set, int count, double lambda) =>
        Evaluate(count >= set.Count ? set : set.Take(count), lambda);

    /// <summary>
    /// <see cref="Clone"/>, written into <paramref name="copy"/> when it is an earlier clone of this network (same
    /// type, shape and settings; then it is returned), so a caller that keeps refreshing one copy allocates it once.
    /// This default always makes a new clone.
    /// </summary>
    internal INetwork CloneInto(INetwork? copy) => Clone();
}
