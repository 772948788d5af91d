using NotebookNet.Data;
using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>
/// The one place a fresh network and its training options are built for a trial: the bonus experiments
/// (<see cref="Experiment"/>), the searches (<see cref="Search.HyperparameterSearch"/>) and the LR range test
/// (<see cref="LearningRateRangeTest"/>). The two-layer network is Xavier-initialised from the seed, the options
/// shuffle (and drop out) with the same seed, and the training curves are measured on at most
/// <see cref="CurveSamples"/> samples. Callers add what is theirs (history points, snapshots, augmentation).
/// </summary>
public static class TrialFactory
{
    /// <summary>The most training samples a trial's training curves are measured on (saves time on 45k sets).</summary>
    public const int CurveSamples = 5000;

    /// <summary>A fresh two-layer network on <paramref name="train"/>'s d inputs and the options to train it.</summary>
    /// <param name="train">The training set: d and the curve subset come from it.</param>
    /// <param name="hiddenUnits">m.</param>
    /// <param name="lambda">λ.</param>
    /// <param name="schedule">η_t.</param>
    /// <param name="length">How long to train.</param>
    /// <param name="seed">Seed of the initialisation and of every random stream of the run.</param>
    /// <param name="dropout">Dropout of the training steps (null: none).</param>
    /// <param name="curveSamples">At most this many training samples for the curves.</param>
    public static (TwoLayerNetwork Network, TrainingOptions Options) Create(LabeledSet train, int hiddenUnits,
        double lambda, ILearningRate schedule, TrainingLength length, int seed, Dropout? dropout = null,
        int curveSamples = CurveSamples)
    {
        var parameters = TwoLayerParameters.Initialise(train.Dimensions, hiddenUnits, Cifar10.Classes,
            new Random(seed));                                         // Xavier, seeded
        var options = new TrainingOptions
        {
            Lambda = lambda, LearningRate = schedule, Length = length, Seed = seed,
            TrainEvaluationSamples = Math.Min(train.Count, curveSamples),
        };
        return (new TwoLayerNetwork(parameters, dropout), options);
    }
}
