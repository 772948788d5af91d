namespace NotebookNet.Training;

/// <summary>A learning-rate schedule: η as a pure function of the update step t.</summary>
public interface ILearningRate
{
    /// <summary>η_t.</summary>
    double At(int t);
}
